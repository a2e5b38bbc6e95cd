/// The meetings of an analysis in the order of its actions and decisions (by date, then
/// id) and how many of each every meeting gave: what lets the next analysis of a serve
/// session copy the runs of meetings that did not change instead of reading them again.
struct MeetingSpans: Sendable {
    /// Meetings by date, then id.
    let order: [NoteRef]
    let dates: [Day]
    /// The index in `order` of each meeting.
    let positions: [NoteRef: Int]
    /// True when `order` is that of the previous analysis: no meeting came, went or moved.
    let sameOrder: Bool
    /// What each meeting of `order` gave.
    var counts: [MeetingCounts]

    /// The order of `portal`'s meetings, taken from `previous` when no meeting of
    /// `changed` came, went or changed its date.
    init(_ portal: Portal, previous: MeetingSpans?, changed: Set<NoteRef>) {
        let meetings = portal.notes(of: .meeting)
        if let previous, previous.order.count == meetings.count,
            changed.allSatisfy({ ref in
                ref.kind != .meeting || previous.positions[ref].map { previous.dates[$0] == portal.note(ref)?.date } == true
            })
        {
            order = previous.order
            dates = previous.dates
            positions = previous.positions
            sameOrder = true
        } else {
            let sorted = meetings.sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }
            order = sorted.map(\.ref)
            dates = sorted.map { $0.date! }
            var positions: [NoteRef: Int] = [:]
            for (position, ref) in order.enumerated() { positions[ref] = position }
            self.positions = positions
            sameOrder = false
        }
        counts = Array(repeating: MeetingCounts(), count: order.count)
    }

    /// Where the meeting at `position` of a newer order sat in this one.
    func position(of ref: NoteRef, at position: Int, sameOrder: Bool) -> Int? {
        sameOrder ? position : positions[ref]
    }
}

/// How many actions and decisions one meeting gave, and how many of its actions are done
/// and overdue: what the meeting adds to its quarter's summary.
struct MeetingCounts: Sendable {
    var actions = 0
    var decisions = 0
    var done = 0
    var overdue = 0
}

/// Copies a previous analysis's actions and decisions meeting by meeting, in one slice
/// for each run of meetings that sat together in it.
struct SpanCopier {
    let source: Analysis
    /// Where each meeting's actions and decisions start in `source`, and the totals.
    private let actionStarts: [Int]
    private let decisionStarts: [Int]
    /// Positions in `source` of the meetings taken and not yet copied.
    private var run: Range<Int>? = nil

    init(_ source: Analysis) {
        self.source = source
        var actionStarts = [0]
        var decisionStarts = [0]
        for counts in source.meetings.counts {
            actionStarts.append(actionStarts.last! + counts.actions)
            decisionStarts.append(decisionStarts.last! + counts.decisions)
        }
        self.actionStarts = actionStarts
        self.decisionStarts = decisionStarts
    }

    /// Takes the meeting at `position` of `source`, to be copied after those taken before.
    mutating func take(_ position: Int, into actions: inout [ActionItem], _ decisions: inout [Decision]) {
        if let run, run.upperBound == position {
            self.run = run.lowerBound..<(position + 1)
            return
        }
        flush(into: &actions, &decisions)
        run = position..<(position + 1)
    }

    /// Copies the meetings taken.
    mutating func flush(into actions: inout [ActionItem], _ decisions: inout [Decision]) {
        guard let run else { return }
        actions.append(contentsOf: source.actions[actionStarts[run.lowerBound]..<actionStarts[run.upperBound]])
        decisions.append(contentsOf: source.decisions[decisionStarts[run.lowerBound]..<decisionStarts[run.upperBound]])
        self.run = nil
    }
}
