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
}
