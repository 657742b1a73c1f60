package im.tandem.load;

import java.time.Duration;

/** Logs in N sessions as fast as the server lets it (C at a time): sessions per second, failures, login time. */
final class LoginStorm {

    private LoginStorm() {
    }

    static Result run(Target target, Args args) {
        String prefix = args.get("prefix", "load");
        int sessions = args.integer("sessions", 5000);
        int devices = args.integer("devices", 5);
        int concurrency = args.integer("concurrency", 100);
        args.checkAllUsed();
        Fleet fleet = Fleet.login(target, prefix, sessions, devices, concurrency, false);
        Result result = new Result("login-storm", args.effective())
                .put("sessions_logged_in", fleet.sessions.size())
                .put("failures", fleet.failures)
                .put("seconds", Math.round(fleet.seconds * 100) / 100.0)
                .put("sessions_per_s", Math.round(fleet.sessions.size() / fleet.seconds));
        Result.latency("login", fleet.loginLatency).forEach(result::put);
        fleet.close();
        Fleet.pause(Duration.ofSeconds(2));
        return result;
    }
}
