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
    /// Which meeting gave which actions and decisions, for the next analysis of a session.
    let meetings: MeetingSpans

    public func kpi(_ id: String) -> KPIReport? { kpis.first { $0.id == id } }
    public func summary(of quarter: Quarter) -> QuarterSummary? { quarters.first { $0.quarter == quarter } }

    /// The quarter a dated note belongs to.
    public func quarter(of note: Note) -> Quarter? { note.date.map(calendar.quarter(containing:)) }

    public init(portal: Portal, asOf: Day) {
        self.init(portal: portal, asOf: asOf, previous: nil, changed: [])
    }

    /// The analysis `init(portal:asOf:)` gives, made faster by taking from `previous` what
    /// belongs to notes that did not change: a KPI's report, a meeting's actions and
    /// decisions. `changed` must name every note of `portal` that is new or may differ
    /// from the one `previous` was made from; notes that went away need not be named.
    public init(portal: Portal, asOf: Day, reusing previous: Analysis, changed: Set<NoteRef>) {
        let comparable = previous.asOf == asOf && previous.calendar == portal.config.calendar
        self.init(portal: portal, asOf: asOf, previous: comparable ? previous : nil, changed: changed)
    }

    private init(portal: Portal, asOf: Day, previous: Analysis?, changed: Set<NoteRef>) {
        self.asOf = asOf
        let calendar = portal.config.calendar
        self.calendar = calendar
        currentQuarter = calendar.quarter(containing: asOf)

        // A KPI's report depends only on its note (with its CSV), the calendar and the as-of date.
        kpis = portal.notes(of: .kpi).compactMap { note in
            guard case .kpi(let definition) = note.details else { return nil }
            if let previous, !changed.contains(note.ref), let report = previous.kpi(note.id) { return report }
            return KPIReport(note: note, definition: definition, calendar: calendar, asOf: asOf)
        }

        // A meeting's actions and decisions depend only on its note, the calendar and the as-of date.
        var meetings = MeetingSpans(portal, previous: previous?.meetings, changed: changed)
        var isChanged = Array(repeating: previous == nil, count: meetings.order.count)
        for ref in changed where ref.kind == .meeting {
            if let position = meetings.positions[ref] { isChanged[position] = true }
        }
        var actions: [ActionItem] = []
        var decisions: [Decision] = []
        actions.reserveCapacity(previous?.actions.count ?? 0)
        decisions.reserveCapacity(previous?.decisions.count ?? 0)
        var copier = previous.map(SpanCopier.init)
        let source = previous?.meetings
        for (position, ref) in meetings.order.enumerated() {
            if let source, !isChanged[position], let old = source.position(of: ref, at: position, sameOrder: meetings.sameOrder) {
                copier!.take(old, into: &actions, &decisions)
                meetings.counts[position] = source.counts[old]
            } else {
                copier?.flush(into: &actions, &decisions)
                meetings.counts[position] = Analysis.read(portal.note(ref)!, calendar: calendar, asOf: asOf, into: &actions, &decisions)
            }
        }
        copier?.flush(into: &actions, &decisions)
        self.actions = actions
        self.decisions = decisions
        self.meetings = meetings
        quarters = Analysis.summarise(portal: portal, kpis: kpis, meetings: meetings, calendar: calendar)
    }

    /// Appends a meeting's action items and decisions; returns how many of each.
    private static func read(
        _ meeting: Note, calendar: FiscalCalendar, asOf: Day, into actions: inout [ActionItem], _ decisions: inout [Decision]
    ) -> MeetingCounts {
        let date = meeting.date!
        let quarter = calendar.quarter(containing: date)
        var counts = MeetingCounts(actions: meeting.body.tasks.count, decisions: meeting.body.decisions.count)
        for task in meeting.body.tasks {
            let due = ActionText.due(in: task.text)
            let overdue = !task.isChecked && due.map { $0 < asOf } ?? false
            if task.isChecked { counts.done += 1 }
            if overdue { counts.overdue += 1 }
            actions.append(
                ActionItem(
                    meeting: meeting.ref, meetingTitle: meeting.title, date: date, quarter: quarter,
                    owner: ActionText.owner(in: task.text), text: task.text, due: due, done: task.isChecked,
                    overdue: overdue, line: task.line))
        }
        for item in meeting.body.decisions {
            decisions.append(
                Decision(
                    meeting: meeting.ref, meetingTitle: meeting.title, date: date, quarter: quarter,
                    text: item.text, line: item.line))
        }
        return counts
    }

    /// Counts per quarter, in an array from the first active quarter on. A meeting's actions
    /// and decisions count in its quarter, so they are counted by meeting, from `meetings`.
    private static func summarise(
        portal: Portal, kpis: [KPIReport], meetings: MeetingSpans, calendar: FiscalCalendar
    ) -> [QuarterSummary] {
        func key(_ quarter: Quarter) -> Int { quarter.fiscalYear * 4 + quarter.number - 1 }
        func key(_ day: Day) -> Int { key(calendar.quarter(containing: day)) }
        let wins = portal.notes(of: .win)
        let changes = portal.notes(of: .change)
        let feedback = portal.notes(of: .feedback)
        var first = Int.max
        var last = Int.min
        func include(_ key: Int) {
            first = min(first, key)
            last = max(last, key)
        }
        for date in meetings.dates { include(key(date)) }
        for notes in [wins, changes, feedback] {
            for index in notes.indices { if let date = notes[index].date { include(key(date)) } }
        }
        for kpi in kpis {
            for measurement in kpi.measurements { include(key(measurement.quarter)) }
        }
        guard first <= last else { return [] }
        var summaries = calendar.quarters(
            from: Quarter(fiscalYear: first / 4, number: first % 4 + 1), through: Quarter(fiscalYear: last / 4, number: last % 4 + 1)
        ).map { QuarterSummary(quarter: $0, firstDay: calendar.firstDay(of: $0), lastDay: calendar.lastDay(of: $0)) }
        for (date, counts) in zip(meetings.dates, meetings.counts) {
            let slot = key(date) - first
            summaries[slot].meetings += 1
            summaries[slot].decisions += counts.decisions
            summaries[slot].actionsOpened += counts.actions
            summaries[slot].actionsDone += counts.done
            summaries[slot].actionsOverdue += counts.overdue
        }
        for index in wins.indices { if let date = wins[index].date { summaries[key(date) - first].wins += 1 } }
        for index in changes.indices { if let date = changes[index].date { summaries[key(date) - first].changes += 1 } }
        for index in feedback.indices {
            guard let date = feedback[index].date, case .feedback(let details) = feedback[index].details else { continue }
            let slot = key(date) - first
            let positive = details.sentiment == "positive"
            if details.from == "client" {
                if positive { summaries[slot].feedbackFromClient.positive += 1 } else { summaries[slot].feedbackFromClient.constructive += 1 }
            } else {
                if positive { summaries[slot].feedbackFromProvider.positive += 1 } else { summaries[slot].feedbackFromProvider.constructive += 1 }
            }
        }
        return summaries
    }
}

extension Analysis: Equatable {
    /// Equal when every figure is: as-of date, calendar, KPIs, actions, decisions and
    /// quarters. (How the analysis was made, afresh or from a previous one, is not compared.)
    public static func == (lhs: Analysis, rhs: Analysis) -> Bool {
        lhs.asOf == rhs.asOf && lhs.calendar == rhs.calendar && lhs.currentQuarter == rhs.currentQuarter
            && lhs.kpis == rhs.kpis && lhs.actions == rhs.actions && lhs.decisions == rhs.decisions
            && lhs.quarters == rhs.quarters
    }
}
