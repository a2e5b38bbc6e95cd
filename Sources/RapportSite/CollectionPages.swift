import Foundation
import RapportCore

/// Pages that gather many notes: the dashboard, lists, trackers, tags and people.
extension PageContext {
    func homePage() -> [String: Any] {
        let analysis = model.analysis
        let asOf = analysis.asOf
        let open = analysis.actions.filter { !$0.done }
        let overdue = open.filter(\.overdue).sorted { ($0.due!, $0.date) < ($1.due!, $1.date) }
        let soonLimit = asOf.adding(days: 14)
        let dueSoon = open.filter { action in
            guard let due = action.due else { return false }
            return due >= asOf && due <= soonLimit
        }.sorted { ($0.due!, $0.date) < ($1.due!, $1.date) }
        let meetings = model.portal.notes(of: .meeting)
        let recent = model.newestFirst(meetings.filter { $0.date! <= asOf }).prefix(5)
        let upcoming = meetings.filter { $0.date! > asOf }.sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.prefix(5)
        let wins = model.newestFirst(model.portal.notes(of: .win).filter { $0.date! <= asOf }).prefix(4)
        let openFeedback = model.newestFirst(
            model.portal.notes(of: .feedback).filter {
                if case .feedback(let feedback) = $0.details { return feedback.status != "addressed" }
                return false
            })
        let atRisk = model.portal.notes(of: .expectation).filter {
            if case .expectation(let expectation) = $0.details { return expectation.status == "at-risk" || expectation.status == "missed" }
            return false
        }
        var extra: [String: Any] = [
            "kpis": analysis.kpis.map(kpiSummary),
            "overdue": overdue.map { action($0) },
            "dueSoon": dueSoon.map { action($0) },
            "recentMeetings": recent.map(noteLink),
            "upcomingMeetings": upcoming.map(noteLink),
            "wins": wins.map(noteLink),
            "openFeedback": openFeedback.map(feedbackLink),
            "atRisk": atRisk.map(expectationLink),
            "openActions": open.count,
            "overdueCount": overdue.count,
        ]
        if let summary = analysis.summary(of: analysis.currentQuarter) {
            extra["quarter"] = quarterSummary(summary)
        }
        return base(title: model.config.title, section: "home", extra: extra)
    }

    func feedbackLink(_ note: Note) -> [String: Any] {
        var link = noteLink(note)
        if case .feedback(let feedback) = note.details {
            link["from"] = teamName(feedback.from)
            link["sentiment"] = feedback.sentiment
            link["status"] = feedback.status
            link["statusLabel"] = statusWord(feedback.status)
        }
        return link
    }

    func expectationLink(_ note: Note) -> [String: Any] {
        var link = noteLink(note)
        if case .expectation(let expectation) = note.details {
            link["owner"] = expectation.owner.map(teamName) ?? ""
            link["status"] = expectation.status ?? ""
            link["statusLabel"] = expectation.status.map(statusWord) ?? ""
            if let due = expectation.due { link["due"] = Format.shortDate(due) }
            link["cadence"] = expectation.cadence?.capitalized ?? ""
        }
        return link
    }

    func changeLink(_ note: Note) -> [String: Any] {
        var link = noteLink(note)
        if case .change(let change) = note.details {
            link["status"] = change.status ?? ""
            link["statusLabel"] = change.status.map(statusWord) ?? ""
            link["impact"] = change.impact?.capitalized ?? ""
            if let who = person(change.requestedBy) { link["requestedBy"] = who }
        }
        return link
    }

    func quarterSummary(_ summary: QuarterSummary) -> [String: Any] {
        [
            "quarter": summary.quarter.description,
            "span": Format.quarterSpan(summary.quarter, calendar: model.analysis.calendar),
            "meetings": summary.meetings, "wins": summary.wins, "decisions": summary.decisions,
            "actionsOpened": summary.actionsOpened, "actionsDone": summary.actionsDone,
            "actionsOverdue": summary.actionsOverdue,
            "feedbackClientPositive": summary.feedbackFromClient.positive,
            "feedbackClientConstructive": summary.feedbackFromClient.constructive,
            "feedbackProviderPositive": summary.feedbackFromProvider.positive,
            "feedbackProviderConstructive": summary.feedbackFromProvider.constructive,
            "href": href(Routes.qbr(summary.quarter.description)),
        ]
    }

    func listPage(_ kind: NoteKind) -> [String: Any] {
        let notes = model.portal.notes(of: kind)
        let sorted: [Note]
        let link: (Note) -> [String: Any]
        switch kind {
        case .kpi:
            return base(
                title: kind.pluralTitle, section: kind.folder,
                extra: ["list": ["kindTitle": kind.pluralTitle, "isKPI": true], "kpis": model.analysis.kpis.map(kpiSummary)])
        case .feedback: (sorted, link) = (model.newestFirst(notes), feedbackLink)
        case .expectation: (sorted, link) = (notes.sorted { ($0.title, $0.id) < ($1.title, $1.id) }, expectationLink)
        case .change: (sorted, link) = (model.newestFirst(notes), changeLink)
        case .page: (sorted, link) = (notes.sorted { ($0.title, $0.id) < ($1.title, $1.id) }, noteLink)
        default: (sorted, link) = (model.newestFirst(notes), noteLink)
        }
        let items = sorted.map { note -> [String: Any] in
            var item = link(note)
            item["excerpt"] = excerpt(note.body.plainText)
            return item
        }
        return base(
            title: kind.pluralTitle, section: kind.folder,
            extra: ["list": ["kindTitle": kind.pluralTitle, "kind": kind.rawValue, "items": items, "count": items.count]])
    }

    func excerpt(_ text: String, limit: Int = 180) -> String {
        if text.count <= limit { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    func actionsPage() -> [String: Any] {
        let actions = model.analysis.actions
        let overdue = actions.filter(\.overdue).sorted { ($0.due!, $0.date) < ($1.due!, $1.date) }
        let open = actions.filter { !$0.done && !$0.overdue }.sorted { ($0.due ?? Day(year: 9999, month: 12, day: 31)!, $0.date) < ($1.due ?? Day(year: 9999, month: 12, day: 31)!, $1.date) }
        let done = actions.filter(\.done).reversed()
        var owners: [String: (open: Int, overdue: Int, done: Int)] = [:]
        for item in actions {
            let key = item.owner ?? ""
            var counts = owners[key] ?? (0, 0, 0)
            if item.done { counts.done += 1 } else if item.overdue { counts.overdue += 1 } else { counts.open += 1 }
            owners[key] = counts
        }
        let byOwner = owners.keys.sorted().map { key -> [String: Any] in
            let counts = owners[key]!
            var row: [String: Any] = ["open": counts.open, "overdue": counts.overdue, "done": counts.done, "hasOverdue": counts.overdue > 0]
            row["owner"] = person(key.isEmpty ? nil : key) ?? ["name": "No owner"]
            return row
        }
        return base(
            title: "Action tracker", section: "actions",
            extra: [
                "overdue": overdue.map { action($0) }, "open": open.map { action($0) }, "done": done.map { action($0) },
                "byOwner": byOwner, "total": actions.count, "overdueCount": overdue.count, "openCount": open.count,
                "doneCount": done.count,
            ])
    }

    func decisionsPage() -> [String: Any] {
        let groups = Dictionary(grouping: model.analysis.decisions, by: \.quarter)
        let quarters = groups.keys.sorted(by: >).map { quarter -> [String: Any] in
            ["quarter": quarter.description, "decisions": groups[quarter]!.reversed().map(decision)]
        }
        return base(
            title: "Decision register", section: "decisions",
            extra: ["quarters": quarters, "total": model.analysis.decisions.count])
    }

    func tagsPage() -> [String: Any] {
        let tags = model.tags.map { ["name": $0.name, "href": href(Routes.tag($0.name)), "count": $0.notes.count] }
        return base(title: "Tags", section: "tags", extra: ["tags": tags])
    }

    func tagPage(_ name: String, notes: [Note]) -> [String: Any] {
        base(title: "Tag: \(name)", section: "tags", extra: ["tag": name, "notes": model.newestFirst(notes).map(noteLink)])
    }

    func peoplePage() -> [String: Any] {
        let teams = [("client", model.config.client.name), ("provider", model.config.provider.name)].map { team, name -> [String: Any] in
            ["name": name, "people": model.config.people.filter { $0.team == team }.compactMap { person($0.handle) }]
        }
        return base(title: "People", section: "people", extra: ["teams": teams])
    }

    func personPage(_ person: Person) -> [String: Any] {
        let actions = model.analysis.actions.filter { $0.owner == person.handle }
        let meetings = model.newestFirst(
            model.portal.notes(of: .meeting).filter {
                if case .meeting(let meeting) = $0.details { return meeting.attendees.contains(person.handle) }
                return false
            })
        let mention = "@" + person.handle
        let wins = model.newestFirst(model.portal.notes(of: .win).filter { $0.body.plainText.contains(mention) })
        return base(
            title: person.name, section: "people",
            extra: [
                "person": self.person(person.handle)!,
                "team": teamName(person.team),
                "openActions": actions.filter { !$0.done }.map { action($0) },
                "doneActions": actions.filter(\.done).reversed().map { action($0) },
                "meetings": meetings.map(noteLink),
                "wins": wins.map(noteLink),
            ])
    }

    func notFoundPage() -> [String: Any] {
        base(title: "Page not found", section: nil, extra: [:])
    }
}
