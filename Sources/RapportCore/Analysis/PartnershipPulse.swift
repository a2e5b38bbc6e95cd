/// One figure (or a few) for each habit of a good partnership, so the home page can show
/// at a glance whether expectations are clear, the teams talk regularly, work together,
/// know each other, give feedback both ways, watch their KPIs, adapt together and
/// celebrate what went well. Counts are over the notes the build includes.
public struct PartnershipPulse: Sendable {
    /// Clear expectations: expectations by status (`on-track`, `at-risk`, `missed`, `met`;
    /// `none` for those without a status).
    public let expectations: [String: Int]
    public let expectationCount: Int

    /// Regular communication: meetings held in the current quarter up to the as-of date.
    public let meetingsHeldThisQuarter: Int
    /// The latest meeting on or before the as-of date.
    public let lastMeeting: Day?
    /// Days from `lastMeeting` to the as-of date.
    public let daysSinceLastMeeting: Int?
    /// The first meeting after the as-of date.
    public let nextMeeting: Day?

    /// Collaboration: actions done, open (not overdue) and overdue, over all meetings.
    public let actionsDone: Int
    public let actionsOpen: Int
    public let actionsOverdue: Int
    /// Done actions as a share (0 to 1) of all actions; nil without actions.
    public let actionCompletion: Double?

    /// Relationship: people in the directory by team, and how many of them attended a
    /// meeting in the current quarter up to the as-of date.
    public let clientPeople: Int
    public let providerPeople: Int
    public let peopleMetThisQuarter: Int

    /// Two-way feedback: feedback notes by the side that gave them, and those not yet addressed.
    public let feedbackFromClient: FeedbackCounts
    public let feedbackFromProvider: FeedbackCounts
    public let feedbackOpen: Int

    /// Monitored KPIs: KPIs by the status of their latest value.
    public let kpiStatuses: [Status: Int]
    public let kpiCount: Int

    /// Adapting together: change requests by status (`none` for those without one).
    public let changes: [String: Int]
    public let changeCount: Int

    /// Celebrating successes: wins in the current quarter up to the as-of date, and all wins
    /// up to it.
    public let winsThisQuarter: Int
    public let winsToDate: Int

    public init(portal: Portal, analysis: Analysis) {
        let asOf = analysis.asOf
        let quarter = analysis.currentQuarter
        let calendar = analysis.calendar
        func inQuarterSoFar(_ note: Note) -> Bool {
            guard let date = note.date, date <= asOf else { return false }
            return calendar.quarter(containing: date) == quarter
        }

        var expectations: [String: Int] = [:]
        var changes: [String: Int] = [:]
        var feedbackFromClient = FeedbackCounts()
        var feedbackFromProvider = FeedbackCounts()
        var feedbackOpen = 0
        var meetingsHeld = 0
        var lastMeeting: Day? = nil
        var nextMeeting: Day? = nil
        var attendeesThisQuarter: Set<String> = []
        var winsThisQuarter = 0
        var winsToDate = 0
        for note in portal.notes {
            switch note.details {
            case .expectation(let details):
                expectations[details.status ?? "none", default: 0] += 1
            case .change(let details):
                changes[details.status ?? "none", default: 0] += 1
            case .feedback(let details):
                let positive = details.sentiment == "positive"
                if details.from == "client" {
                    if positive { feedbackFromClient.positive += 1 } else { feedbackFromClient.constructive += 1 }
                } else {
                    if positive { feedbackFromProvider.positive += 1 } else { feedbackFromProvider.constructive += 1 }
                }
                if details.status != "addressed" { feedbackOpen += 1 }
            case .meeting(let details):
                guard let date = note.date else { break }
                if date <= asOf {
                    if lastMeeting.map({ date > $0 }) ?? true { lastMeeting = date }
                } else if nextMeeting.map({ date < $0 }) ?? true {
                    nextMeeting = date
                }
                if inQuarterSoFar(note) {
                    meetingsHeld += 1
                    attendeesThisQuarter.formUnion(details.attendees)
                }
            case .win:
                guard let date = note.date, date <= asOf else { break }
                winsToDate += 1
                if inQuarterSoFar(note) { winsThisQuarter += 1 }
            default:
                break
            }
        }
        self.expectations = expectations
        expectationCount = expectations.values.reduce(0, +)
        self.changes = changes
        changeCount = changes.values.reduce(0, +)
        self.feedbackFromClient = feedbackFromClient
        self.feedbackFromProvider = feedbackFromProvider
        self.feedbackOpen = feedbackOpen
        meetingsHeldThisQuarter = meetingsHeld
        self.lastMeeting = lastMeeting
        daysSinceLastMeeting = lastMeeting.map { asOf.ordinal - $0.ordinal }
        self.nextMeeting = nextMeeting
        self.winsThisQuarter = winsThisQuarter
        self.winsToDate = winsToDate

        actionsDone = analysis.actions.filter(\.done).count
        actionsOverdue = analysis.actions.filter(\.overdue).count
        actionsOpen = analysis.actions.count - actionsDone - actionsOverdue
        actionCompletion =
            analysis.actions.isEmpty ? nil : Numbers.canonical(Double(actionsDone) / Double(analysis.actions.count))

        let people = portal.config.people
        clientPeople = people.filter { $0.team == "client" }.count
        providerPeople = people.filter { $0.team == "provider" }.count
        peopleMetThisQuarter = people.filter { attendeesThisQuarter.contains($0.handle) }.count

        var kpiStatuses: [Status: Int] = [:]
        for kpi in analysis.kpis { kpiStatuses[kpi.latest?.status ?? .none, default: 0] += 1 }
        self.kpiStatuses = kpiStatuses
        kpiCount = analysis.kpis.count
    }
}
