import RapportCore

/// The quarterly business review of one quarter, from the quarter's notes and figures.
extension PageContext {
    func qbrPage(_ quarter: Quarter) -> [String: Any] {
        let analysis = model.analysis
        let calendar = analysis.calendar
        let narrative = model.portal.note(NoteRef(kind: .qbr, id: quarter.description))
        let inQuarter: (Note) -> Bool = { note in note.date.map { calendar.quarter(containing: $0) == quarter } ?? false }
        var pack: [String: Any] = [
            "quarter": quarter.description,
            "span": Format.quarterSpan(quarter, calendar: calendar),
            "firstDay": Format.longDate(calendar.firstDay(of: quarter)),
            "lastDay": Format.longDate(calendar.lastDay(of: quarter)),
        ]
        if let narrative {
            pack["narrativeTitle"] = narrative.title
            pack["narrativeHTML"] = narrative.body.html(root: root)
        }
        if let summary = analysis.summary(of: quarter) { pack["summary"] = quarterSummary(summary) }
        pack["scorecard"] = analysis.kpis.compactMap { kpi -> [String: Any]? in
            guard let rollUp = kpi.quarter(quarter) else { return nil }
            let unit = kpi.definition.unit
            let decimals = max(model.kpiDecimals[kpi.id] ?? 1, 1)
            return [
                "title": kpi.title, "href": href(Routes.note(NoteRef(kind: .kpi, id: kpi.id))),
                "target": Format.value(kpi.quarterTarget, unit: unit, decimals: decimals),
                "value": Format.value(rollUp.value, unit: unit, decimals: decimals),
                "variance": Format.signed(rollUp.variance, unit: unit, decimals: decimals),
                "status": status(rollUp.status), "attainment": Numbers.percent(rollUp.attainment),
                "change": Format.signed(rollUp.change, unit: unit, decimals: decimals),
                "aggregate": kpi.definition.aggregate.rawValue,
            ]
        }
        pack["actions"] = analysis.actions.filter { $0.quarter == quarter }.map { action($0) }
        pack["decisions"] = analysis.decisions.filter { $0.quarter == quarter }.map(decision)
        pack["meetings"] = model.portal.notes(of: .meeting).filter(inQuarter).sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map(noteLink)
        pack["wins"] = model.portal.notes(of: .win).filter(inQuarter).sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map(noteLink)
        pack["feedback"] = model.portal.notes(of: .feedback).filter(inQuarter).sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map(feedbackLink)
        pack["changes"] = model.portal.notes(of: .change).filter(inQuarter).sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }.map(changeLink)
        return base(title: "QBR \(quarter)", section: "qbr", extra: ["pack": pack])
    }

    func qbrListPage() -> [String: Any] {
        let quarters = model.analysis.quarters.reversed().map { summary -> [String: Any] in
            var row = quarterSummary(summary)
            row["hasNarrative"] = model.portal.note(NoteRef(kind: .qbr, id: summary.quarter.description)) != nil
            return row
        }
        return base(title: "Quarterly business reviews", section: "qbr", extra: ["quarters": quarters])
    }
}
