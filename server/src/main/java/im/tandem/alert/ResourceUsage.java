package im.tandem.alert;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The JVM's resource use at one moment, carried by each alert event: the seed's advice is to
 * check the node's memory and CPU counters when the alert is raised.
 *
 * @param heapUsedBytes     heap in use
 * @param heapMaxBytes      the most heap the JVM may use (the committed heap when there is no limit)
 * @param processCpuPercent the process's recent CPU use, 0 to 100 of all cores; {@code null} when the JVM does not tell
 */
public record ResourceUsage(long heapUsedBytes, long heapMaxBytes, Double processCpuPercent) {

    /** The use now, from the platform MXBeans. */
    public static ResourceUsage current() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() < 0 ? heap.getCommitted() : heap.getMax();
        Double cpu = null;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            if (load >= 0) {
                cpu = Math.round(load * 1000) / 10.0;
            }
        }
        return new ResourceUsage(heap.getUsed(), max, cpu);
    }

    /** Heap in use over its maximum, in percent. */
    public double heapUsedPercent() {
        return heapMaxBytes <= 0 ? 0 : 100.0 * heapUsedBytes / heapMaxBytes;
    }
}
