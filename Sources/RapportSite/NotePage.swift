import Foundation
import RapportCore

/// The page of one note: its facts, its body and what the analysis found in it.
extension PageContext {
    func notePage(_ note: Note) -> TemplateValues {
        // At its final size: a dictionary that grows is hashed again each time it does.
        var page = TemplateValues(minimumCapacity: 28)
        page[.title] = note.title
        page[.kind] = note.kind.rawValue
        page[.kindTitle] = note.kind.singularTitle
        page[.kindPlural] = note.kind.pluralTitle
        page[.kindHref] = href(Routes.list(note.kind))
        page[.html] = note.body.html(root: root)
        page[.tags] = tagLinks(note.tags)
        page[.hasTags] = !note.tags.isEmpty
        page[.internal] = note.visibility == .internal
        page[.draft] = note.isDraft
        page[.source] = note.path
        if let date = note.date {
            page[.date] = Format.longDate(date)
            page[.isoDate] = date.description
            page[.quarter] = model.analysis.calendar.quarter(containing: date).description
        }
        var facts: [TemplateValues] = []
        func fact(_ label: String, _ value: String?, href target: String? = nil) {
            guard let value, !value.isEmpty else { return }
            var entry: TemplateValues = ["label": label, "value": value]
            if let target { entry["href"] = target }
            facts.append(entry)
        }
        switch note.details {
        case .meeting(let meeting):
            fact("Kind", meeting.meetingKind.map(meetingKindLabel))
            page[.attendees] = meeting.attendees.compactMap { person($0) }
            let actions = model.actions(of: note)
            let decisions = model.decisions(of: note)
            page[.actions] = actions.map { action($0, showMeeting: false) }
            page[.decisions] = decisions.enumerated().map {
                ["text": $0.element.text, "anchor": "decision-\($0.offset + 1)"]
            }
            page[.isMeeting] = true
            page[.hasActions] = !actions.isEmpty
            page[.hasDecisions] = !decisions.isEmpty
        case .kpi:
            if let kpi = model.analysis.kpi(note.id) { page[.kpi] = kpiDetail(kpi) }
            page[.isKPI] = true
        case .win(let win):
            fact("Team", win.team.map(teamName))
            // A KPI the build leaves out (internal, draft, missing) is not named, not even by id.
            if let id = win.kpi, let target = kpiHref(id) { fact("KPI", kpiTitle(id), href: target) }
        case .feedback(let feedback):
            fact("From", teamName(feedback.from))
            fact("Sentiment", Format.capitalized(feedback.sentiment))
            fact("Status", Format.capitalized(feedback.status))
            if let response = feedback.responseHTML { page[.responseHTML] = NoteBody.fillRoot(response, root: root) }
        case .expectation(let expectation):
            fact("Owner", expectation.owner.map(teamName))
            fact("Status", expectation.status.map(statusWord))
            fact("Due", expectation.due.map(Format.longDate))
            fact("Cadence", expectation.cadence.map(Format.capitalized))
            if let id = expectation.kpi, let target = kpiHref(id) { fact("KPI", kpiTitle(id), href: target) }
        case .change(let change):
            fact("Status", change.status.map(statusWord))
            if let handle = change.requestedBy {
                let who = person(handle)
                fact("Requested by", who?["name"] as? String, href: who?["href"] as? String)
            }
            fact("Impact", change.impact.map(Format.capitalized))
        case .qbr, .page:
            break
        }
        page[.facts] = facts
        if let revision = model.history.revision(of: note.path) {
            page[.lastChanged] = [
                "date": Format.longDate(revision.date), "isoDate": revision.date.description, "author": revision.author,
            ]
        }
        page[.params] = note.params.map { ["key": $0.key, "value": paramText($0.value)] }
        return base(title: note.title, section: note.kind.folder, extra: ["note": page])
    }

    func kpiDetail(_ kpi: KPIReport) -> TemplateValues {
        let unit = kpi.definition.unit
        let decimals = model.kpiDecimals[kpi.id] ?? 1
        var detail = kpiSummary(kpi)
        detail["chart"] = LineChart(
            kpi: kpi, asOf: model.analysis.asOf, unit: unit, decimals: decimals, id: "chart-" + Slug.make(kpi.id)
        ).svg()
        detail["hasChart"] = !kpi.measurements.isEmpty
        detail["hasMeasurements"] = !kpi.measurements.isEmpty
        detail["hasQuarters"] = !kpi.quarters.isEmpty
        detail["hasBand"] = kpi.definition.target != nil && kpi.definition.warning != nil
        detail["measurements"] = kpi.measurements.reversed().map { value -> TemplateValues in
            var row: TemplateValues = [
                "period": Format.period(value.period), "periodKey": value.period.description,
                "value": Format.value(value.value, unit: unit, decimals: decimals), "status": status(value.status),
            ]
            row["remark"] = value.note ?? ""
            return row
        }
        detail["quarters"] = kpi.quarters.reversed().map { rollUp -> TemplateValues in
            [
                "quarter": rollUp.quarter.description,
                "value": Format.value(rollUp.value, unit: unit, decimals: max(decimals, 1)),
                "status": status(rollUp.status),
                "attainment": Numbers.percent(rollUp.attainment),
                "periods": rollUp.periods,
                "change": Format.signed(rollUp.change, unit: unit, decimals: max(decimals, 1)),
            ]
        }
        detail["quarterTarget"] = Format.value(kpi.quarterTarget, unit: unit, decimals: decimals)
        detail["hasQuarterTarget"] = kpi.definition.quarterTarget != nil || kpi.definition.quarterWarning != nil
        detail["quarterWarning"] = Format.value(kpi.quarterWarning, unit: unit, decimals: decimals)
        detail["ownerTeam"] = kpi.definition.owner.map(teamName) ?? ""
        detail["hasOwner"] = kpi.definition.owner != nil
        return detail
    }

    func teamName(_ team: String) -> String {
        switch team {
        case "client": return model.config.client.short
        case "provider": return model.config.provider.short
        case "both": return "\(model.config.client.short) and \(model.config.provider.short)"
        default: return team
        }
    }

    func statusWord(_ status: String) -> String {
        let words = status.replacingBytes("-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    func kpiTitle(_ id: String) -> String { model.analysis.kpi(id)?.title ?? id }

    func kpiHref(_ id: String) -> String? {
        model.analysis.kpi(id) == nil ? nil : Routes.note(NoteRef(kind: .kpi, id: id), from: root)
    }

    func paramText(_ value: ParamValue) -> String {
        switch value {
        case .text(let text): return text
        case .list(let items): return items.map(paramText).joined(separator: ", ")
        case .map(let map): return map.keys.sorted().map { "\($0): \(paramText(map[$0]!))" }.joined(separator: "; ")
        }
    }
}
