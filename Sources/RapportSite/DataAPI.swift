import RapportCore

/// The data API: `api/kpis.json`, `api/actions.json`, `api/decisions.json` and
/// `api/quarters.json`, the same numbers the pages show, in the contract's shape.
enum DataAPI {
    static func files(_ analysis: Analysis) -> [(route: String, text: String)] {
        writers.map { ($0.route, $0.write(analysis)) }
    }

    /// Each file of the API and the function that writes it, so that a build can write
    /// them in parallel with its pages.
    static let writers: [(route: String, write: @Sendable (Analysis) -> String)] = [
        ("api/kpis.json", kpis), ("api/actions.json", actions), ("api/decisions.json", decisions),
        ("api/quarters.json", quarters),
    ]

    static func kpis(_ analysis: Analysis) -> String {
        let items = analysis.kpis.map { kpi -> String in
            let definition = kpi.definition
            let measurements = kpi.measurements.map { value in
                JSONWriter.object([
                    ("period", .string(value.period.description)), ("value", .number(value.value)),
                    ("status", .string(value.status.rawValue)),
                ])
            }
            let quarters = kpi.quarters.map { rollUp in
                JSONWriter.object([
                    ("quarter", .string(rollUp.quarter.description)), ("value", .number(rollUp.value)),
                    ("status", .string(rollUp.status.rawValue)), ("attainment", .number(rollUp.attainment)),
                    ("periods", .int(rollUp.periods)), ("change", .number(rollUp.change)),
                ])
            }
            let latest: JSONWriter.Value =
                kpi.latest.map { value in
                    .raw(
                        JSONWriter.object([
                            ("period", .string(value.period.description)), ("value", .number(value.value)),
                            ("status", .string(value.status.rawValue)),
                        ]))
                } ?? .null
            return JSONWriter.object([
                ("id", .string(kpi.id)), ("title", .string(kpi.title)), ("unit", .string(definition.unit)),
                ("direction", .string(definition.direction.rawValue)), ("target", .number(definition.target)),
                ("warning", .number(definition.warning)), ("quarter_target", .number(definition.quarterTarget)),
                ("quarter_warning", .number(definition.quarterWarning)),
                ("frequency", .string(definition.frequency.rawValue)),
                ("aggregate", .string(definition.aggregate.rawValue)),
                ("measurements", .raw(JSONWriter.array(measurements, indent: "      "))),
                ("quarters", .raw(JSONWriter.array(quarters, indent: "      "))),
                ("latest", latest),
            ])
        }
        return JSONWriter.array(items) + "\n"
    }

    static func actions(_ analysis: Analysis) -> String {
        JSONWriter.array(
            analysis.actions.map { action in
                JSONWriter.object([
                    ("meeting", .string(action.meeting.id)), ("date", .string(action.date.description)),
                    ("owner", .string(action.owner)), ("text", .string(action.text)),
                    ("due", .string(action.due?.description)), ("done", .bool(action.done)),
                    ("overdue", .bool(action.overdue)),
                ])
            }) + "\n"
    }

    static func decisions(_ analysis: Analysis) -> String {
        JSONWriter.array(
            analysis.decisions.map { decision in
                JSONWriter.object([
                    ("meeting", .string(decision.meeting.id)), ("date", .string(decision.date.description)),
                    ("text", .string(decision.text)),
                ])
            }) + "\n"
    }

    static func quarters(_ analysis: Analysis) -> String {
        func counts(_ counts: FeedbackCounts) -> JSONWriter.Value {
            .raw(JSONWriter.object([("positive", .int(counts.positive)), ("constructive", .int(counts.constructive))]))
        }
        return JSONWriter.array(
            analysis.quarters.map { summary in
                JSONWriter.object([
                    ("quarter", .string(summary.quarter.description)),
                    ("start", .string(summary.firstDay.description)), ("end", .string(summary.lastDay.description)),
                    ("meetings", .int(summary.meetings)), ("wins", .int(summary.wins)),
                    ("decisions", .int(summary.decisions)), ("actions_opened", .int(summary.actionsOpened)),
                    ("actions_done", .int(summary.actionsDone)), ("actions_overdue", .int(summary.actionsOverdue)),
                    (
                        "feedback",
                        .raw(
                            JSONWriter.object([
                                ("client", counts(summary.feedbackFromClient)),
                                ("provider", counts(summary.feedbackFromProvider)),
                            ]))
                    ),
                ])
            }) + "\n"
    }
}
