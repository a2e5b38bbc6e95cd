import RapportCore

/// The dashboard: the KPI scorecard, the actions that need attention, the rhythm of
/// meetings, wins, open feedback, expectations at risk, and one card for each habit of
/// the partnership. Everything shown is chosen and counted by `Dashboard`.
extension PageContext {
    /// How many items each "needs attention" list of the dashboard shows; the trackers
    /// and boards hold the rest, and the count says how many there are.
    static let attentionLimit = 10

    func homePage() -> TemplateValues {
        let analysis = model.analysis
        let dashboard = model.dashboard
        let pulse = dashboard.pulse
        var extra: TemplateValues = [
            "kpis": analysis.kpis.map(kpiSummary),
            "scorecardSummary": scorecardSummary(pulse),
            "overdue": dashboard.overdue.prefix(PageContext.attentionLimit).map { action($0) },
            "hasMoreOverdue": dashboard.overdue.count > PageContext.attentionLimit,
            "dueSoon": dashboard.dueSoon.prefix(PageContext.attentionLimit).map { action($0) },
            "hasMoreDueSoon": dashboard.dueSoon.count > PageContext.attentionLimit,
            "dueSoonCount": dashboard.dueSoon.count,
            "attentionLimit": PageContext.attentionLimit,
            "dueSoonDays": Dashboard.dueSoonDays,
            "recentMeetings": dashboard.recentMeetings.map(meetingLink),
            "upcomingMeetings": dashboard.upcomingMeetings.map(meetingLink),
            "wins": dashboard.latestWins.map(winLink),
            "openFeedback": dashboard.openFeedback.prefix(PageContext.attentionLimit).map(feedbackLink),
            "hasMoreFeedback": dashboard.openFeedback.count > PageContext.attentionLimit,
            "openFeedbackCount": dashboard.openFeedback.count,
            "atRisk": dashboard.expectationsAtRisk.prefix(PageContext.attentionLimit).map(expectationLink),
            "hasMoreAtRisk": dashboard.expectationsAtRisk.count > PageContext.attentionLimit,
            "atRiskCount": dashboard.expectationsAtRisk.count,
            "openActions": dashboard.openActionCount,
            "overdueCount": dashboard.overdue.count,
            "pillars": pillars(pulse),
        ]
        if let summary = analysis.summary(of: analysis.currentQuarter) {
            extra["quarter"] = quarterSummary(summary)
        }
        return base(title: model.config.title, section: "home", extra: extra)
    }

    /// `8 KPIs: 6 on target, 1 at risk, 1 off target`.
    func scorecardSummary(_ pulse: PartnershipPulse) -> String {
        let count = pulse.kpiCount
        var parts: [String] = []
        for status in [Status.green, .amber, .red, .none] {
            let n = pulse.kpiStatuses[status] ?? 0
            if n > 0 || status != .none { parts.append("\(n) \(status.label.lowercased())") }
        }
        return "\(count) KPI\(count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// One card per habit of a good partnership, each with its figure and where to look.
    func pillars(_ pulse: PartnershipPulse) -> [TemplateValues] {
        let client = model.config.client.short
        let provider = model.config.provider.short
        func card(_ key: String, _ title: String, _ figure: String, _ detail: String, _ target: String, _ label: String)
            -> TemplateValues
        {
            ["key": key, "title": title, "figure": figure, "detail": detail, "href": href(target), "linkLabel": label]
        }
        let expectations = pulse.expectations
        let good = (expectations["on-track"] ?? 0) + (expectations["met"] ?? 0)
        let communication: String
        var rhythm: String
        if let days = pulse.daysSinceLastMeeting {
            communication = days == 0 ? "Today" : "\(days) day\(days == 1 ? "" : "s")"
            rhythm = days == 0 ? "the last meeting was today" : "since the last meeting"
        } else {
            communication = "None yet"
            rhythm = "no meeting held yet"
        }
        rhythm += " · \(pulse.meetingsHeldThisQuarter) held this quarter"
        if let next = pulse.nextMeeting { rhythm += " · next on \(Format.shortDate(next))" }
        let completion = pulse.actionCompletion.map(Numbers.percent) ?? "–"
        let fromClient = pulse.feedbackFromClient.positive + pulse.feedbackFromClient.constructive
        let fromProvider = pulse.feedbackFromProvider.positive + pulse.feedbackFromProvider.constructive
        let changes = ["proposed", "approved", "in-progress", "done", "rejected"].compactMap { status -> String? in
            guard let n = pulse.changes[status], n > 0 else { return nil }
            return "\(n) \(statusWord(status).lowercased())"
        }
        return [
            card(
                "expectations", "Clear expectations", "\(good) of \(pulse.expectationCount)",
                "on track or met · \(expectations["at-risk"] ?? 0) at risk · \(expectations["missed"] ?? 0) missed",
                Routes.list(.expectation), "Expectations"),
            card("communication", "Regular communication", communication, rhythm, Routes.list(.meeting), "Meetings"),
            card(
                "collaboration", "Working together", completion,
                "of \(pulse.actionsDone + pulse.actionsOpen + pulse.actionsOverdue) actions done · \(pulse.actionsOpen) open · \(pulse.actionsOverdue) overdue",
                Routes.actions, "Action tracker"),
            card(
                "relationship", "Relationship", "\(pulse.peopleMetThisQuarter) of \(pulse.clientPeople + pulse.providerPeople)",
                "people met this quarter · \(pulse.clientPeople) at \(client), \(pulse.providerPeople) at \(provider)",
                Routes.people, "People"),
            card(
                "feedback", "Two-way feedback", "\(fromClient + fromProvider)",
                "\(fromClient) from \(client) · \(fromProvider) from \(provider) · \(pulse.feedbackOpen) not yet addressed",
                Routes.list(.feedback), "Feedback board"),
            card(
                "kpis", "Monitored KPIs", "\(pulse.kpiStatuses[.green] ?? 0) of \(pulse.kpiCount)",
                "on target · \(pulse.kpiStatuses[.amber] ?? 0) at risk · \(pulse.kpiStatuses[.red] ?? 0) off target",
                Routes.list(.kpi), "KPIs"),
            card(
                "changes", "Adapting together", "\(pulse.changeCount)",
                "change request\(pulse.changeCount == 1 ? "" : "s")" + (changes.isEmpty ? "" : " · " + changes.joined(separator: ", ")),
                Routes.list(.change), "Changes"),
            card(
                "wins", "Celebrating successes", "\(pulse.winsThisQuarter)",
                "win\(pulse.winsThisQuarter == 1 ? "" : "s") this quarter · \(pulse.winsToDate) to date",
                Routes.list(.win), "Wins"),
        ]
    }

    /// A meeting for lists: its link, kind and how many decisions and actions it produced.
    func meetingLink(_ note: Note) -> TemplateValues {
        var link = newNoteLink(note)
        if case .meeting(let meeting) = note.details {
            link["meetingKind"] = meeting.meetingKind.map(meetingKindLabel) ?? ""
            link["hasMeetingKind"] = meeting.meetingKind != nil
        }
        let decisions = model.decisionCount(of: note)
        let actions = model.actionCount(of: note)
        var tracked: [String] = []
        if decisions > 0 { tracked.append("\(decisions) decision\(decisions == 1 ? "" : "s")") }
        if actions > 0 { tracked.append("\(actions) action\(actions == 1 ? "" : "s")") }
        link["tracked"] = tracked.joined(separator: ", ")
        link["hasTracked"] = !tracked.isEmpty
        return link
    }

    /// `Check-in`, `QBR`, `Steering committee`: a meeting's kind for people.
    func meetingKindLabel(_ kind: String) -> String { Format.meetingKind(kind) }

    /// A win for lists: its link, the team thanked and the KPI it moved.
    func winLink(_ note: Note) -> TemplateValues {
        var link = newNoteLink(note)
        if case .win(let win) = note.details {
            link["team"] = win.team.map(teamName) ?? ""
            link["hasTeam"] = win.team != nil
            if let id = win.kpi, let target = kpiHref(id) {
                link["kpi"] = ["title": kpiTitle(id), "href": target]
            }
            link["hasKPI"] = link["kpi"] != nil
        }
        return link
    }
}
