/**
 * JMH microbenchmarks of the server's hot paths, wired from the real classes without Spring.
 *
 * <ul>
 *   <li>{@link im.tandem.bench.XmlDecodeBenchmark}: {@link im.tandem.transport.XmlStreamDecoder}
 *       turning the bytes of one stanza into a {@code TopLevel} event on an open stream (a chat
 *       message, a presence with entity capabilities, a roster get).</li>
 *   <li>{@link im.tandem.bench.XmlWriteBenchmark}: {@link im.tandem.xml.XmlWriter#toXml(im.tandem.xml.Element, String)}
 *       of a chat message and of its {@code <received/>} carbon copy, and building plus writing
 *       that copy.</li>
 *   <li>{@link im.tandem.bench.MdmFanOutBenchmark}: {@link im.tandem.mdm.MdmDelivery#toBareJid}
 *       of one chat message to a user with three available sessions: one direct copy to the
 *       active client and two carbon copies, each serialized as the connection would.</li>
 *   <li>{@link im.tandem.bench.QuietModeBufferBenchmark}: the quiet-mode buffer (XEP-0352) of
 *       one session: holding a message, replacing a sender's held presence, draining.</li>
 * </ul>
 *
 * <p>They are test sources: the default build compiles them (the JMH annotation processor
 * writes {@code META-INF/BenchmarkList} into {@code target/test-classes}) but never runs
 * them: none of them is a JUnit test (the generated {@code *_jmhTest} classes match
 * surefire's name pattern, but hold no test methods, so nothing is run). Run them with
 * {@code bash load-tests/jmh.sh [JMH options] [benchmark regex]} from the repository root,
 * for example {@code bash load-tests/jmh.sh -prof gc XmlDecode}; {@code load-tests/JMH.md}
 * has the details and the figures of a recorded run.
 */
package im.tandem.bench;
