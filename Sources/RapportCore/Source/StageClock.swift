#if canImport(Glibc)
    import Glibc
#endif

/// Measures how long each stage of a build takes, for `--timings`. It reads the monotonic
/// clock, which says nothing about the date: nothing it measures reaches the output.
public struct StageClock: Sendable {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    public private(set) var laps: [(stage: String, seconds: Double)] = []

    public init() { last = clock.now }

    /// Ends the current stage under `stage`.
    public mutating func lap(_ stage: String) {
        let now = clock.now
        laps.append((stage, StageClock.seconds(now - last)))
        last = now
    }

    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// CPU seconds the calling thread has used so far.
    public static func threadCPU() -> Double { cpu(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds the whole process has used so far, on every core.
    public static func processCPU() -> Double { cpu(CLOCK_PROCESS_CPUTIME_ID) }

    private static func cpu(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
