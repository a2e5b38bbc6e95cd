import RapportCore

/// Builds the values templates see. Templates never compute: every figure arrives here
/// already computed by `Analysis` and formatted by `Format`.
struct PageContext {
    let model: SiteModel
    /// The page's route, e.g. `meetings/x.html`.
    let route: String
    /// The way back to the site's root from the page (`../` from `meetings/x.html`).
    let root: String

    /// - Parameter fixedRoot: a root that replaces the relative one (the 404 page's, which a
    ///   host serves at any depth).
    init(model: SiteModel, route: String, fixedRoot: String? = nil) {
        self.model = model
        self.route = route
        root = fixedRoot ?? Routes.root(of: route)
    }

    func href(_ target: String) -> String { root.isEmpty ? target : String(joining: root, target) }

    /// The keys every layout has: site names, navigation, the as-of date.
    func base(title: String, section: String?, extra: TemplateValues) -> TemplateValues {
        // The keys that depend on the page's depth and section only are made once for each
        // and copied (a copy takes the hashed table as it is; inserting hashes every key).
        var context = model.shared.threadValue(String(joining: "base|", root, "|", section ?? "")) { makeBase(section: section) }
        context["title"] = title
        for (key, value) in extra { context[key] = value }
        return context
    }

    private func makeBase(section: String?) -> TemplateValues {
        // Room for the page's own keys and the chrome `PageChrome` adds: a dictionary that
        // grows is hashed again each time it does.
        var context = TemplateValues(minimumCapacity: 32)
        let keys: KeyValuePairs<TemplateKey, Any> = [
            "site": model.siteNames,
            "root": root,
            "nav": navigation(section: section),
            "asOf": model.asOfText,
            "asOfISO": model.analysis.asOf.description,
            "internalBuild": model.includeInternal,
            "draftBuild": model.includeDrafts,
            "searchHref": href(Routes.search),
            "calendarHref": href(Routes.calendar),
            "hasFeed": model.hasFeed,
            "feedHref": href(Routes.feed),
            "isSearchPage": section == "search",
            "section": section ?? "",
        ]
        for (key, value) in keys { context[key] = value }
        return context
    }

    /// The main navigation, the current section marked.
    private func navigation(section: String?) -> [TemplateValues] {
        var nav: [TemplateValues] = [["title": "Dashboard", "href": href(Routes.home), "current": section == "home"]]
        let sections: [(String, String, String)] = [
            ("kpis", "KPIs", Routes.list(.kpi)), ("meetings", "Meetings", Routes.list(.meeting)),
            ("actions", "Actions", Routes.actions), ("decisions", "Decisions", Routes.decisions),
            ("wins", "Wins", Routes.list(.win)), ("feedback", "Feedback", Routes.list(.feedback)),
            ("expectations", "Expectations", Routes.list(.expectation)), ("changes", "Changes", Routes.list(.change)),
            ("qbr", "QBRs", Routes.qbrList), ("pages", "Pages", Routes.list(.page)),
            ("people", "People", Routes.people),
        ]
        for (key, label, target) in sections {
            nav.append(["title": label, "href": href(target), "current": section == key])
        }
        return nav
    }

    // MARK: - Pieces shared by several pages

    /// A note's link as lists show it, made once per page depth and shared by the pages.
    func noteLink(_ note: Note) -> TemplateRow {
        model.shared.noteValue("note", root: root, of: note.ref) {
            TemplateRow(newNoteLink(note))
        }
    }

    /// A note's link made afresh, for rows that add keys of their own (a shared one would
    /// only be copied).
    ///
    /// Made with room for twelve keys: its own seven, and the four or five that the links of
    /// meetings and wins and the lists' excerpts add. A dictionary made from the five-key
    /// literal grew, copying every key, as soon as a date was added.
    func newNoteLink(_ note: Note) -> TemplateValues {
        var link = TemplateValues(minimumCapacity: 12)
        link[.title] = note.title
        link[.href] = Routes.note(note.ref, from: root)
        link[.kind] = note.kind.singularTitle
        link[.internal] = note.visibility == .internal
        link[.draft] = note.isDraft
        if let date = note.date {
            link[.date] = Format.shortDate(date)
            link[.isoDate] = date.description
        }
        return link
    }

    func person(_ handle: String?) -> TemplateValues? {
        guard let handle else { return nil }
        return model.shared.threadValue(String(joining: "person|", root, "|", handle)) { makePerson(handle) }
    }

    private func makePerson(_ handle: String) -> TemplateValues {
        if let person = model.people[handle] {
            return [
                "handle": handle, "name": person.name, "team": person.team, "teamName": teamName(person.team),
                "role": person.role,
                "href": href(Routes.person(handle)), "known": true,
            ]
        }
        return ["handle": handle, "name": "@" + handle, "known": false, "role": "", "team": "", "teamName": ""]
    }

    func action(_ item: ActionItem, showMeeting: Bool = true) -> TemplateRow {
        guard !showMeeting else {
            return model.shared.objectValue("action", root: root, of: item, note: item.meeting) {
                TemplateRow(makeAction(item, showMeeting: true))
            }
        }
        // Rows without the meeting are shown once, on the meeting's own page: not kept. One
        // the tracker or a person's page kept is copied (only this key differs).
        guard let shared: TemplateRow = model.shared.madeObjectValue("action", root: root, of: item, note: item.meeting) else {
            return TemplateRow(makeAction(item, showMeeting: false))
        }
        var values = shared.values
        values["showMeeting"] = false
        return TemplateRow(values)
    }

    func makeAction(_ item: ActionItem, showMeeting: Bool) -> TemplateValues {
        // At its final size (up to 18 keys): tens of thousands are made per build.
        var row = TemplateValues(minimumCapacity: 18)
        row[.text] = item.text
        row[.done] = item.done
        row[.overdue] = item.overdue
        row[.status] = item.done ? "done" : (item.overdue ? "overdue" : "open")
        row[.statusLabel] = item.done ? "Done" : (item.overdue ? "Overdue" : "Open")
        row[.meetingTitle] = item.meetingTitle
        row[.meetingHref] = Routes.note(item.meeting, from: root)
        row[.date] = Format.shortDate(item.date)
        row[.isoDate] = item.date.description
        row[.showMeeting] = showMeeting
        if let owner = person(item.owner) { row[.owner] = owner }
        row[.hasDue] = item.due != nil
        if let due = item.due {
            row[.due] = Format.shortDate(due)
            row[.isoDue] = due.description
        }
        let asOf = model.analysis.asOf
        if let days = item.daysOverdue(asOf: asOf) {
            row[.dueNote] = "\(days) day\(days == 1 ? "" : "s") overdue"
        } else if let days = item.daysUntilDue(asOf: asOf) {
            row[.dueNote] = days == 0 ? "due today" : "in \(days) day\(days == 1 ? "" : "s")"
        }
        row[.hasDueNote] = row[.dueNote] != nil
        return row
    }

    func decision(_ item: Decision) -> TemplateRow {
        model.shared.objectValue("decision", root: root, of: item, note: item.meeting) { TemplateRow(makeDecision(item)) }
    }

    func makeDecision(_ item: Decision) -> TemplateValues {
        [
            .text: item.text, .meetingTitle: item.meetingTitle, .meetingHref: Routes.note(item.meeting, from: root),
            .date: Format.shortDate(item.date), .isoDate: item.date.description, .quarter: item.quarter.description,
        ]
    }

    func tagLinks(_ tags: [String]) -> [TemplateValues] {
        tags.map { tag in model.shared.threadValue(String(joining: "tag|", root, "|", tag)) { ["name": tag, "href": href(Routes.tag(tag))] as TemplateValues } }
    }

    func status(_ status: Status) -> TemplateValues {
        ["key": status.rawValue, "label": status.label, "icon": StatusIcon.svg(status)]
    }

    /// A KPI's headline figures for tiles and tables.
    func kpiSummary(_ kpi: KPIReport) -> TemplateValues {
        let unit = kpi.definition.unit
        let decimals = model.kpiDecimals[kpi.id] ?? 1
        var summary: TemplateValues = [
            "id": kpi.id, "title": kpi.title, "href": Routes.note(NoteRef(kind: .kpi, id: kpi.id), from: root),
            "unit": unit, "direction": kpi.definition.direction.rawValue,
            "directionLabel": kpi.definition.direction == .higher ? "Higher is better" : "Lower is better",
            "target": Format.value(kpi.definition.target, unit: unit, decimals: decimals),
            "hasTarget": kpi.definition.target != nil,
            "warning": Format.value(kpi.definition.warning, unit: unit, decimals: decimals),
            "hasWarning": kpi.definition.warning != nil,
            "frequency": kpi.definition.frequency.rawValue, "aggregate": kpi.definition.aggregate.rawValue,
        ]
        if let latest = kpi.latest {
            summary["latest"] = [
                "period": Format.period(latest.period), "periodKey": latest.period.description,
                "value": Format.value(latest.value, unit: unit, decimals: decimals),
                "status": status(latest.status),
            ]
        }
        summary["sparkline"] = Sparkline(kpi: kpi, asOf: model.analysis.asOf, unit: unit, decimals: decimals).svg()
        if let trend = kpi.trend, let change = kpi.change, let previous = kpi.previous {
            summary["trend"] = [
                "key": trend.rawValue,
                "arrow": change > 0 ? "▲" : (change < 0 ? "▼" : "▶"),
                "change": Format.signed(change, unit: unit, decimals: decimals),
                "label": "\(Format.capitalized(trend.rawValue)) since \(Format.period(previous.period))",
                "word": Format.capitalized(trend.rawValue), "since": "since \(Format.period(previous.period))",
            ]
        }
        return summary
    }
}
