import RapportCore

/// The quarterly business review pack of one quarter: one self-contained page, in the
/// usual order of a BPO QBR, every figure taken from `Analysis`.
extension PageContext {
    func qbrPage(_ quarter: Quarter) -> TemplateValues {
        let analysis = model.analysis
        let calendar = analysis.calendar
        var pack: TemplateValues = [
            "quarter": quarter.description,
            "span": Format.quarterSpan(quarter, calendar: calendar),
            "firstDay": Format.longDate(calendar.firstDay(of: quarter)),
            "lastDay": Format.longDate(calendar.lastDay(of: quarter)),
            "previousQuarter": quarter.previous.description,
            "nextQuarter": quarter.next.description,
        ]

        // Executive summary and next quarter's priorities, from the narrative.
        if let narrative = model.portal.note(NoteRef(kind: .qbr, id: quarter.description)) {
            let html = HTMLText.replaceCitations(narrative.body.html(root: root)) { citation($0, quarter: quarter) }
            let (summary, priorities) = HTMLText.splitPriorities(html)
            pack["narrativeTitle"] = narrative.title
            pack["summaryHTML"] = HTMLText.dropLeadingHeading(summary, containing: "summary")
            if let priorities { pack["prioritiesHTML"] = priorities }
            pack["narrativeSource"] = narrative.path
        }
        if let summary = analysis.summary(of: quarter) { pack["summary"] = quarterSummary(summary) }

        // Review of the actions raised in the previous quarter, as they stand now.
        let previous = model.actions(in: quarter.previous)
        pack["previousActions"] = previous.filter { !$0.done }.map { action($0) }
        pack["previousDone"] = previous.filter(\.done).count
        pack["previousOpen"] = previous.filter { !$0.done && !$0.overdue }.count
        pack["previousOverdue"] = previous.filter(\.overdue).count
        pack["hasPreviousActions"] = !previous.isEmpty
        pack["hasPreviousOpen"] = previous.contains { !$0.done }

        // KPI scorecard.
        var scorecard: [TemplateValues] = []
        var unmeasured: [TemplateValues] = []
        for kpi in analysis.kpis {
            let link: TemplateValues = ["title": kpi.title, "href": Routes.note(NoteRef(kind: .kpi, id: kpi.id), from: root), "source": "kpis/\(kpi.id).md"]
            guard kpi.quarter(quarter) != nil else {
                unmeasured.append(link)
                continue
            }
            // A KPI's row in a pack shows nothing but the KPI: made once per quarter and shared.
            scorecard.append(
                model.shared.noteValue("qbr-scorecard|\(quarter)", root: root, of: NoteRef(kind: .kpi, id: kpi.id)) {
                    scorecardRow(kpi, quarter: quarter, link: link)
                })
        }
        pack["scorecard"] = scorecard
        pack["hasScorecard"] = !scorecard.isEmpty
        pack["unmeasured"] = unmeasured

        // Quality and feedback, both directions.
        let feedback = model.notes(of: .feedback, in: quarter)
        func side(_ team: String) -> [TemplateValues] {
            feedback.filter { if case .feedback(let item) = $0.details { return item.from == team } else { return false } }
                .map { note -> TemplateValues in
                    var row = feedbackLink(note)
                    if case .feedback(let item) = note.details {
                        row["addressed"] = item.status == "addressed"
                        row["responseHTML"] = item.responseHTML.map { NoteBody.fillRoot($0, root: root) } ?? ""
                        row["hasResponse"] = item.responseHTML != nil
                    }
                    return row
                }
        }
        pack["feedbackFromClient"] = side("client")
        pack["feedbackFromProvider"] = side("provider")
        pack["hasFeedback"] = !feedback.isEmpty

        pack["wins"] = model.notes(of: .win, in: quarter).map { note -> TemplateValues in
            var row = newNoteLink(note)
            row["excerpt"] = model.shared.noteValue("plain-excerpt|220", of: note.ref) {
                excerpt(note.body.plainText, limit: 220)
            }
            return row
        }
        pack["meetings"] = model.notes(of: .meeting, in: quarter).map { note -> TemplateValues in
            var row = newNoteLink(note)
            if case .meeting(let meeting) = note.details { row["meetingKind"] = meeting.meetingKind ?? "" }
            row["decisionCount"] = model.decisionCount(of: note)
            return row
        }
        pack["hasMeetings"] = (pack["meetings"] as? [TemplateValues])?.isEmpty == false
        pack["decisions"] = model.decisions(in: quarter).map(decision)

        // Actions of the quarter by owner.
        let actions = model.actions(in: quarter)
        var owners: [String: [ActionItem]] = [:]
        for item in actions { owners[item.owner ?? "", default: []].append(item) }
        pack["actionsByOwner"] = owners.keys.sorted().map { key -> TemplateValues in
            let items = owners[key]!
            return [
                "owner": person(key.isEmpty ? nil : key) ?? ["name": "No owner", "known": false],
                "opened": items.count, "done": items.filter(\.done).count, "overdue": items.filter(\.overdue).count,
                "hasOverdue": items.contains(where: \.overdue),
            ]
        }
        pack["openActions"] = actions.filter { !$0.done }.map { action($0) }
        pack["hasActions"] = !actions.isEmpty

        // Expectations in force during the quarter: agreed by its end (or undated) and not
        // due before it began. A standing expectation with a cadence stays in force.
        let first = calendar.firstDay(of: quarter)
        let last = calendar.lastDay(of: quarter)
        pack["expectations"] = model.portal.notes(of: .expectation).filter { note in
            guard case .expectation(let expectation) = note.details else { return false }
            if let date = note.date, date > last { return false }
            if let due = expectation.due, due < first { return false }
            return true
        }.sorted { ($0.title, $0.id) < ($1.title, $1.id) }.map(expectationLink)
        pack["changes"] = model.notes(of: .change, in: quarter).map(changeLink)
        pack["runningHeaderCSS"] = Format.cssString("\(model.config.client.short) × \(model.config.provider.short) · QBR \(quarter)")
        pack["client"] = model.config.client.name
        pack["provider"] = model.config.provider.name
        return base(title: "QBR \(quarter)", section: "qbr", extra: ["pack": pack])
    }

    /// `{{kpi:id}}` in a narrative: the KPI's value for the quarter with unit and status.
    /// A KPI's row in the scorecard of the pack for `quarter` (which measured it).
    private func scorecardRow(_ kpi: KPIReport, quarter: Quarter, link: TemplateValues) -> TemplateValues {
        let calendar = model.analysis.calendar
        let rollUp = kpi.quarter(quarter)!
        let unit = kpi.definition.unit
        let decimals = max(model.kpiDecimals[kpi.id] ?? 1, 1)
        var row: TemplateValues = [
            "target": Format.value(kpi.quarterTarget, unit: unit, decimals: decimals),
            "value": Format.value(rollUp.value, unit: unit, decimals: decimals),
            "variance": Format.signed(rollUp.variance, unit: unit, decimals: decimals),
            "status": status(rollUp.status), "attainment": Numbers.percent(rollUp.attainment),
            "periods": rollUp.periods,
            "change": Format.signed(rollUp.change, unit: unit, decimals: decimals),
            "aggregate": kpi.definition.aggregate.rawValue,
            "direction": kpi.definition.direction == .higher ? "higher is better" : "lower is better",
            "sparkline": QBRSparkline.svg(kpi, through: calendar.lastDay(of: quarter), title: kpi.title),
        ]
        for (key, value) in link { row[key] = value }
        return row
    }

    func citation(_ id: String, quarter: Quarter) -> String {
        guard let kpi = model.analysis.kpi(id) else { return Format.escape("{{kpi:\(id)}}") }
        guard let rollUp = kpi.quarter(quarter) else {
            return "<span class=\"cite status-none\">no \(Format.escape(kpi.title)) figure for \(quarter)</span>"
        }
        let decimals = max(model.kpiDecimals[kpi.id] ?? 1, 1)
        let value = Format.value(rollUp.value, unit: kpi.definition.unit, decimals: decimals)
        return "<span class=\"cite status-\(rollUp.status.rawValue)\">\(Format.escape(value)) (\(rollUp.status.label.lowercased()))</span>"
    }

    func qbrListPage() -> TemplateValues {
        let quarters = SitePages.qbrQuarters(model).reversed().map { quarter -> TemplateValues in
            var row: TemplateValues = [
                "quarter": quarter.description, "href": href(Routes.qbr(quarter.description)),
                "span": Format.quarterSpan(quarter, calendar: model.analysis.calendar),
                "meetings": 0, "decisions": 0, "actionsOpened": 0, "actionsOverdue": 0, "wins": 0,
            ]
            if let summary = model.analysis.summary(of: quarter) {
                for (key, value) in quarterSummary(summary) { row[key] = value }
            }
            row["hasNarrative"] = model.portal.note(NoteRef(kind: .qbr, id: quarter.description)) != nil
            return row
        }
        return base(title: "Quarterly business reviews", section: "qbr", extra: ["quarters": quarters])
    }
}
