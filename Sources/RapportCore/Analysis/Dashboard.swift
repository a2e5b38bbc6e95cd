/// What the home page shows, chosen once from the portal and its analysis: the actions
/// that need attention, the rhythm of meetings, the latest wins, the feedback still open
/// and the expectations at risk. Every list has a total order.
public struct Dashboard: Sendable {
    /// How far ahead "due soon" looks, in days from the as-of date (both days included).
    public static let dueSoonDays = 14
    /// How many meetings and wins the lists show.
    public static let listLength = 5

    /// Overdue actions, the longest overdue first (then by meeting order).
    public let overdue: [ActionItem]
    /// Open actions due from the as-of date to `dueSoonDays` after it, soonest first.
    public let dueSoon: [ActionItem]
    /// Actions not done, overdue ones included.
    public let openActionCount: Int
    /// Meetings dated on or before the as-of date, newest first.
    public let recentMeetings: [Note]
    /// Meetings dated after the as-of date, soonest first.
    public let upcomingMeetings: [Note]
    /// Wins dated on or before the as-of date, newest first.
    public let latestWins: [Note]
    /// Feedback not yet addressed, newest first.
    public let openFeedback: [Note]
    /// Expectations whose status is at-risk or missed, missed first, then by title.
    public let expectationsAtRisk: [Note]
    /// The figures behind each part of the partnership.
    public let pulse: PartnershipPulse

    public init(portal: Portal, analysis: Analysis) {
        let asOf = analysis.asOf
        let open = analysis.actions.filter { !$0.done }
        openActionCount = open.count
        // `analysis.actions` is already in meeting order, and Swift's sort is stable, so
        // ties keep that order.
        overdue = open.filter(\.overdue).sorted { $0.due! < $1.due! }
        let horizon = asOf.adding(days: Dashboard.dueSoonDays)
        dueSoon = open.filter { action in
            guard let due = action.due else { return false }
            return due >= asOf && due <= horizon
        }.sorted { $0.due! < $1.due! }

        let meetings = portal.notes(of: .meeting)
        recentMeetings = meetings.filter { $0.date! <= asOf }.first(Dashboard.listLength, by: Dashboard.isNewer)
        upcomingMeetings = meetings.filter { $0.date! > asOf }.first(Dashboard.listLength) { ($0.date!, $0.id) < ($1.date!, $1.id) }
        latestWins = portal.notes(of: .win).filter { $0.date! <= asOf }.first(Dashboard.listLength, by: Dashboard.isNewer)
        openFeedback = Dashboard.newestFirst(
            portal.notes(of: .feedback).filter {
                if case .feedback(let feedback) = $0.details { return feedback.status != "addressed" }
                return false
            })
        expectationsAtRisk = portal.notes(of: .expectation).compactMap { note -> (Int, Note)? in
            guard case .expectation(let expectation) = note.details else { return nil }
            switch expectation.status {
            case "missed": return (0, note)
            case "at-risk": return (1, note)
            default: return nil
            }
        }.sorted { ($0.0, $0.1.title, $0.1.id) < ($1.0, $1.1.title, $1.1.id) }.map(\.1)
        pulse = PartnershipPulse(portal: portal, analysis: analysis)
    }

    /// Dated notes newest first; the same day by id, so the order is total.
    static func newestFirst(_ notes: [Note]) -> [Note] {
        notes.sorted(by: isNewer)
    }

    private static func isNewer(_ lhs: Note, _ rhs: Note) -> Bool { (lhs.date!, rhs.id) > (rhs.date!, lhs.id) }
}

extension Array {
    /// The first `count` elements of `sorted(by:)`, in that order, without sorting the
    /// rest: a dashboard shows five meetings of thousands.
    func first(_ count: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        var kept: [Element] = []
        kept.reserveCapacity(count + 1)
        for element in self {
            if kept.count == count, let last = kept.last, !areInIncreasingOrder(element, last) { continue }
            // After every kept element it does not precede, so equal elements keep their order.
            var position = kept.count
            while position > 0, areInIncreasingOrder(element, kept[position - 1]) { position -= 1 }
            kept.insert(element, at: position)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
