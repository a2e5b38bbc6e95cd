/// How a value compares with its target: the traffic light of the scorecard.
public enum Status: String, Sendable, Comparable {
    case green, amber, red, none

    /// For `direction: higher`: at or above target is green; else at or above warning is
    /// amber; else red. For `lower` the comparisons flip. Without a warning, missing the
    /// target is red; without a target (or a value) the status is none.
    public static func of(_ value: Double?, target: Double?, warning: Double?, direction: Direction) -> Status {
        guard let value, let target else { return .none }
        func meets(_ threshold: Double) -> Bool {
            direction == .higher ? value >= threshold : value <= threshold
        }
        if meets(target) { return .green }
        if let warning, meets(warning) { return .amber }
        return .red
    }

    /// A word for people, shown beside the colour.
    public var label: String {
        switch self {
        case .green: return "On target"
        case .amber: return "At risk"
        case .red: return "Off target"
        case .none: return "No target"
        }
    }

    private var rank: Int {
        switch self {
        case .red: return 0
        case .amber: return 1
        case .green: return 2
        case .none: return 3
        }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}

/// Which way a KPI moved against its previous period, read with its direction.
public enum Trend: String, Sendable {
    case improving, worsening, flat

    static func of(_ current: Double, previous: Double, direction: Direction) -> Trend {
        if current == previous { return .flat }
        return (current > previous) == (direction == .higher) ? .improving : .worsening
    }
}
