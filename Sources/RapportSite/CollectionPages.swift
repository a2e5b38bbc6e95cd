import Foundation
import RapportCore

/// Pages that gather many notes: lists, trackers, tags and people.
extension PageContext {
    /// How many of a person's meetings, wins and done actions their page lists; the
    /// trackers hold the rest, so a person page stays readable after years of meetings.
    static let recentLimit = 25

    func feedbackLink(_ note: Note) -> TemplateValues {
        var link = newNoteLink(note)
        if case .feedback(let feedback) = note.details {
            link["from"] = teamName(feedback.from)
            link["sentiment"] = feedback.sentiment
            link["status"] = feedback.status
            link["statusLabel"] = statusWord(feedback.status)
            link["sentimentLabel"] = Format.capitalized(feedback.sentiment)
        }
        return link
    }

    func expectationLink(_ note: Note) -> TemplateValues {
        model.shared.noteValue("expectation-link", root: root, of: note.ref) { makeExpectationLink(note) }
    }

    private func makeExpectationLink(_ note: Note) -> TemplateValues {
        var link = newNoteLink(note)
        if case .expectation(let expectation) = note.details {
            link["owner"] = expectation.owner.map(teamName) ?? ""
            link["hasOwner"] = expectation.owner != nil
            link["hasDue"] = expectation.due != nil
            link["hasCadence"] = expectation.cadence != nil
            link["status"] = expectation.status ?? ""
            link["statusLabel"] = expectation.status.map(statusWord) ?? ""
            if let due = expectation.due { link["due"] = Format.shortDate(due) }
            link["cadence"] = expectation.cadence.map(Format.capitalized) ?? ""
        }
        return link
    }

    func changeLink(_ note: Note) -> TemplateValues {
        var link = newNoteLink(note)
        if case .change(let change) = note.details {
            link["status"] = change.status ?? ""
            link["statusLabel"] = change.status.map(statusWord) ?? ""
            link["impact"] = change.impact.map(Format.capitalized) ?? ""
            if let who = person(change.requestedBy) { link["requestedBy"] = who }
            link["hasImpact"] = change.impact != nil
        }
        return link
    }

    func quarterSummary(_ summary: QuarterSummary) -> TemplateValues {
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

    func listPage(_ kind: NoteKind) -> TemplateValues {
        let notes = model.portal.notes(of: kind)
        let sorted: [Note]
        let link: (Note) -> TemplateValues
        switch kind {
        case .kpi:
            return base(
                title: kind.pluralTitle, section: kind.folder,
                extra: [
                    "list": ["kindTitle": kind.pluralTitle, "isKPI": true],
                    "kpis": model.analysis.kpis.map(kpiSummary),
                    "scorecardSummary": scorecardSummary(model.dashboard.pulse),
                ])
        case .meeting: return meetingsPage()
        case .win: return winsPage()
        case .feedback: return feedbackPage()
        case .expectation: return expectationsPage()
        case .change: return changesPage()
        case .page: (sorted, link) = (notes.sorted { ($0.title, $0.id) < ($1.title, $1.id) }, newNoteLink)
        case .qbr: (sorted, link) = (model.newestFirst(notes), newNoteLink)
        }
        let items = sorted.map { note -> TemplateValues in
            var item = link(note)
            item["excerpt"] = excerpt(note)
            return item
        }
        return base(
            title: kind.pluralTitle, section: kind.folder,
            extra: ["list": ["kindTitle": kind.pluralTitle, "kind": kind.rawValue, "items": items, "count": items.count]])
    }

    /// `text` cut at a word boundary before `limit` characters.
    func excerpt(_ text: String, limit: Int = 180) -> String { Excerpt.make(text, limit: limit) }

    /// The opening of a note for lists: its text from the first paragraph on.
    func excerpt(_ note: Note, limit: Int = 180) -> String {
        model.shared.noteValue("excerpt|\(limit)", of: note.ref) {
            Excerpt.summary(html: note.body.html, plain: note.body.plainText, limit: limit)
        }
    }

    /// How many done actions the tracker lists, newest first.
    static let doneActionsShown = 200

    func actionsPage() -> TemplateValues {
        let actions = model.analysis.actions
        // Positions in `actions` by state (an overdue action is never done), and counts by
        // owner, in one pass: at 16k actions each read of an action is a cache miss.
        var overdue: [Int] = []
        var open: [Int] = []
        var done: [Int] = []
        var owners: [String: (open: Int, overdue: Int, done: Int)] = [:]
        for (index, item) in actions.enumerated() {
            let key = item.owner ?? ""
            var counts = owners[key] ?? (0, 0, 0)
            if item.done {
                done.append(index)
                counts.done += 1
            } else if item.overdue {
                overdue.append(index)
                counts.overdue += 1
            } else {
                open.append(index)
                counts.open += 1
            }
            owners[key] = counts
        }
        let never = Day(year: 9999, month: 12, day: 31)!
        overdue.sort { (actions[$0].due!, actions[$0].date) < (actions[$1].due!, actions[$1].date) }
        open.sort { (actions[$0].due ?? never, actions[$0].date) < (actions[$1].due ?? never, actions[$1].date) }
        done.reverse()
        // Done actions only grow: the tracker shows the latest; all of them are on their
        // meeting pages and in api/actions.json.
        let doneShown = done.prefix(PageContext.doneActionsShown)
        let byOwner = owners.keys.sorted().map { key -> TemplateValues in
            let counts = owners[key]!
            var row: TemplateValues = ["open": counts.open, "overdue": counts.overdue, "done": counts.done, "hasOverdue": counts.overdue > 0]
            row["owner"] = person(key.isEmpty ? nil : key) ?? ["name": "No owner"]
            return row
        }
        return base(
            title: "Action tracker", section: "actions",
            extra: [
                "overdue": overdue.map { action(actions[$0]) }, "open": open.map { action(actions[$0]) },
                "done": doneShown.map { action(actions[$0]) },
                "doneHidden": done.count - doneShown.count, "hasDoneHidden": done.count > doneShown.count,
                "byOwner": byOwner, "total": actions.count, "overdueCount": overdue.count, "openCount": open.count,
                "doneCount": done.count, "hasOverdue": !overdue.isEmpty, "hasOpen": !open.isEmpty, "hasDone": !done.isEmpty,
            ])
    }

    func decisionsPage() -> TemplateValues {
        // Newest quarter first, newest decision first: the analysis order reversed. A
        // quarter's group is made once and shared.
        let quarters = model.decisionQuarters.reversed().map { quarter in
            model.shared.quarterValue("decisions-quarter", root: root, of: quarter) {
                let rows = model.decisions(in: quarter).reversed().map(decision)
                return TemplateRow(["quarter": quarter.description, "decisions": rows])
            }
        }
        return base(
            title: "Decision register", section: "decisions",
            extra: ["quarters": quarters, "total": model.analysis.decisions.count])
    }

    func tagsPage() -> TemplateValues {
        let tags = model.tags.map { ["name": $0.name, "href": href(Routes.tag($0.name)), "count": $0.notes.count] }
        return base(title: "Tags", section: "tags", extra: ["tags": tags])
    }

    func tagPage(_ name: String, notes: [Note]) -> TemplateValues {
        base(title: "Tag: \(name)", section: "tags", extra: ["tag": name, "notes": model.newestFirst(notes).map(noteLink)])
    }

    func peoplePage() -> TemplateValues {
        let teams = [("client", model.config.client.name), ("provider", model.config.provider.name)].map { team, name -> TemplateValues in
            ["name": name, "people": model.config.people.filter { $0.team == team }.compactMap { person($0.handle) }]
        }
        return base(title: "People", section: "people", extra: ["teams": teams])
    }

    func personPage(_ person: Person) -> TemplateValues {
        // Scans of compact lists made once per build: quicker than grouping every action
        // and meeting by person when a few person pages are made again.
        let owners = model.actionOwners
        let actions = owners.indices.filter { owners[$0] == person.handle }.map { model.analysis.actions[$0] }
        let newest = model.meetingsNewestFirst
        let meetings = model.attendance.meetings(attendedBy: person.handle).map { newest[$0] }
        let wins = model.newestFirst(model.notes(of: .win, mentioning: person.handle))
        let changes = model.newestFirst(
            model.portal.notes(of: .change).filter {
                if case .change(let change) = $0.details { return change.requestedBy == person.handle }
                return false
            })
        let feedback = model.newestFirst(model.notes(of: .feedback, mentioning: person.handle))
        // Overdue first, then by due date; actions without one last.
        let open = actions.filter { !$0.done }.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.overdue ? 0 : 1, lhs.element.due ?? Day(year: 9999, month: 12, day: 31)!, lhs.offset)
            let right = (rhs.element.overdue ? 0 : 1, rhs.element.due ?? Day(year: 9999, month: 12, day: 31)!, rhs.offset)
            return left < right
        }.map(\.element)
        let done = Array(actions.filter(\.done).reversed())
        let recent = PageContext.recentLimit
        func more(_ shown: Int, of total: Int, _ noun: String) -> String {
            total > shown ? "The \(shown) most recent of \(total) \(noun)." : ""
        }
        return base(
            title: person.name, section: "people",
            extra: [
                "person": self.person(person.handle)!,
                "team": teamName(person.team),
                "openActions": open.map { action($0) },
                "openCount": open.count, "overdueCount": open.filter(\.overdue).count,
                "hasOpen": !open.isEmpty, "hasOverdue": open.contains(where: \.overdue),
                "doneActions": done.prefix(recent).map { action($0) },
                "doneCount": done.count, "moreDone": more(recent, of: done.count, "done actions"),
                "hasMoreDone": done.count > recent,
                "meetings": meetings.prefix(recent).map(noteLink),
                "meetingCount": meetings.count, "moreMeetings": more(recent, of: meetings.count, "meetings"),
                "hasMoreMeetings": meetings.count > recent,
                "wins": wins.prefix(recent).map(noteLink), "moreWins": more(recent, of: wins.count, "wins"),
                "hasMoreWins": wins.count > recent,
                "changes": changes.prefix(recent).map(changeLink),
                "feedback": feedback.prefix(recent).map(feedbackLink),
            ])
    }

    func notFoundPage() -> TemplateValues {
        base(title: "Page not found", section: nil, extra: [:])
    }

    /// The search page: the form, and the script that searches `search/index.js`.
    func searchPage() -> TemplateValues {
        base(
            title: "Search", section: "search",
            extra: ["indexScript": href(Routes.searchScript), "searchScript": href("assets/search.js")])
    }
}
