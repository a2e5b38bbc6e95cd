/// Every figure the portal shows, computed once from the portal and the as-of date.
/// Pages, QBR packs and the data API all read these values; nothing else computes.
public struct Analysis: Sendable {
    public let asOf: Day
    public let calendar: FiscalCalendar
    /// The quarter that contains the as-of date.
    public let currentQuarter: Quarter
    /// KPIs by id.
    public let kpis: [KPIReport]
    /// Actions by meeting date, meeting id, then position in the note.
    public let actions: [ActionItem]
    /// Decisions in the same order as actions.
    public let decisions: [Decision]
    /// Every quarter from the earliest to the latest with activity, oldest first.
    public let quarters: [QuarterSummary]

    public func kpi(_ id: String) -> KPIReport? { kpis.first { $0.id == id } }
    public func summary(of quarter: Quarter) -> QuarterSummary? { quarters.first { $0.quarter == quarter } }

    /// The quarter a dated note belongs to.
    public func quarter(of note: Note) -> Quarter? { note.date.map(calendar.quarter(containing:)) }

    public init(portal: Portal, asOf: Day) {
        self.asOf = asOf
        let calendar = portal.config.calendar
        self.calendar = calendar
        currentQuarter = calendar.quarter(containing: asOf)

        kpis = portal.notes.compactMap { note in
            guard case .kpi(let definition) = note.details else { return nil }
            return KPIReport(note: note, definition: definition, calendar: calendar, asOf: asOf)
        }

        let meetings = portal.notes(of: .meeting).sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }
        var actions: [ActionItem] = []
        var decisions: [Decision] = []
        for meeting in meetings {
            let date = meeting.date!
            let quarter = calendar.quarter(containing: date)
            for task in meeting.body.tasks {
                let due = ActionText.due(in: task.text)
                actions.append(
                    ActionItem(
                        meeting: meeting.ref, meetingTitle: meeting.title, date: date, quarter: quarter,
                        owner: ActionText.owner(in: task.text), text: task.text, due: due, done: task.isChecked,
                        overdue: !task.isChecked && due.map { $0 < asOf } ?? false, line: task.line))
            }
            for item in meeting.body.decisions {
                decisions.append(
                    Decision(
                        meeting: meeting.ref, meetingTitle: meeting.title, date: date, quarter: quarter,
                        text: item.text, line: item.line))
            }
        }
        self.actions = actions
        self.decisions = decisions
        quarters = Analysis.summarise(portal: portal, kpis: kpis, actions: actions, decisions: decisions, calendar: calendar)
    }

    private static func summarise(
        portal: Portal, kpis: [KPIReport], actions: [ActionItem], decisions: [Decision], calendar: FiscalCalendar
    ) -> [QuarterSummary] {
        var active: [Quarter] = []
        for note in portal.notes where [.meeting, .win, .feedback, .change].contains(note.kind) {
            if let date = note.date { active.append(calendar.quarter(containing: date)) }
        }
        for kpi in kpis { active.append(contentsOf: kpi.measurements.map(\.quarter)) }
        guard let first = active.min(), let last = active.max() else { return [] }
        var summaries: [Quarter: QuarterSummary] = [:]
        for quarter in calendar.quarters(from: first, through: last) {
            summaries[quarter] = QuarterSummary(
                quarter: quarter, firstDay: calendar.firstDay(of: quarter), lastDay: calendar.lastDay(of: quarter))
        }
        for note in portal.notes {
            guard let date = note.date else { continue }
            let quarter = calendar.quarter(containing: date)
            switch note.details {
            case .meeting: summaries[quarter]?.meetings += 1
            case .win: summaries[quarter]?.wins += 1
            case .change: summaries[quarter]?.changes += 1
            case .feedback(let feedback):
                let positive = feedback.sentiment == "positive"
                if feedback.from == "client" {
                    if positive { summaries[quarter]?.feedbackFromClient.positive += 1 } else { summaries[quarter]?.feedbackFromClient.constructive += 1 }
                } else {
                    if positive { summaries[quarter]?.feedbackFromProvider.positive += 1 } else { summaries[quarter]?.feedbackFromProvider.constructive += 1 }
                }
            default: break
            }
        }
        for decision in decisions { summaries[decision.quarter]?.decisions += 1 }
        for action in actions {
            summaries[action.quarter]?.actionsOpened += 1
            if action.done { summaries[action.quarter]?.actionsDone += 1 }
            if action.overdue { summaries[action.quarter]?.actionsOverdue += 1 }
        }
        return summaries.values.sorted { $0.quarter < $1.quarter }
    }
}
