import RapportCore

/// The data API: `api/kpis.json`, `api/actions.json`, `api/decisions.json` and
/// `api/quarters.json`, the same numbers the pages show, in the contract's shape.
enum DataAPI {
    /// Each file of the API, the notes it shows and the function that writes it (in parts),
    /// so that a build can write them in parallel with its pages and a build session only
    /// when what they show changed. A session's `FragmentCache` keeps each meeting's lines
    /// of `api/actions.json` and `api/decisions.json` between rebuilds.
    static let writers: [(route: String, inputs: PageDependency, write: @Sendable (Analysis, FragmentCache?) -> [String])] = [
        // A KPI's figures come from its note and its measurements file, which is read with it.
        ("api/kpis.json", .kinds([.kpi]), { analysis, _ in [kpis(analysis)] }),
        // Actions and decisions are written in meeting notes; "overdue" also needs the as-of
        // date, which a session never changes.
        ("api/actions.json", .kinds([.meeting]), actions),
        ("api/decisions.json", .kinds([.meeting]), decisions),
        // Quarter summaries count dated meetings, wins, feedback and changes, the actions and
        // decisions of meetings, and KPI measurements (which also widen the range of quarters).
        ("api/quarters.json", .kinds([.meeting, .win, .feedback, .change, .kpi]), { analysis, _ in [quarters(analysis)] }),
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

    static func actions(_ analysis: Analysis, fragments: FragmentCache?) -> [String] {
        let actions = analysis.actions
        let runs = meetingRuns(actions.indices.map { actions[$0].meeting })
        let pieces = fragments.pieces(.actions, of: runs.map(\.meeting)) { index in
            lines(actions[runs[index].range]) { action in
                [
                    ("meeting", .string(action.meeting.id)), ("date", .string(action.date.description)),
                    ("owner", .string(action.owner)), ("text", .string(action.text)),
                    ("due", .string(action.due?.description)), ("done", .bool(action.done)),
                    ("overdue", .bool(action.overdue)),
                ]
            }
        }
        return arrayParts(pieces)
    }

    static func decisions(_ analysis: Analysis, fragments: FragmentCache?) -> [String] {
        let decisions = analysis.decisions
        let runs = meetingRuns(decisions.indices.map { decisions[$0].meeting })
        let pieces = fragments.pieces(.decisions, of: runs.map(\.meeting)) { index in
            lines(decisions[runs[index].range]) { decision in
                [
                    ("meeting", .string(decision.meeting.id)), ("date", .string(decision.date.description)),
                    ("text", .string(decision.text)),
                ]
            }
        }
        return arrayParts(pieces)
    }

    /// The runs of items from one meeting: the analysis lists a meeting's items together.
    private static func meetingRuns(_ meetings: [NoteRef]) -> [(meeting: NoteRef, range: Range<Int>)] {
        var runs: [(meeting: NoteRef, range: Range<Int>)] = []
        var start = 0
        for index in meetings.indices where index + 1 == meetings.count || meetings[index + 1] != meetings[start] {
            runs.append((meetings[start], start..<index + 1))
            start = index + 1
        }
        return runs
    }

    /// Array items as `JSONWriter.array` writes them, indented, one a line, each followed by
    /// the comma and line end that separate it from the next: the objects of `fields`, made
    /// in one buffer (a meeting's actions are a few of sixteen thousand).
    private static func lines<Item>(_ items: ArraySlice<Item>, _ fields: (Item) -> [(String, JSONWriter.Value)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(items.count * 256)
        for item in items {
            out.append(0x20)
            out.append(0x20)
            JSONWriter.appendObject(fields(item), to: &out)
            out.append(UInt8(ascii: ","))
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The parts of a file holding a JSON array of these runs of lines (see `lines`): the
    /// bytes of `JSONWriter.array(items) + "\n"`. The last item is followed by no comma.
    private static func arrayParts(_ pieces: [String]) -> [String] {
        guard let last = pieces.last else { return ["[]\n"] }
        var parts = ["[\n"]
        parts.reserveCapacity(pieces.count + 2)
        parts += pieces.dropLast()
        parts.append(String(decoding: last.utf8.dropLast(2), as: UTF8.self) + "\n]\n")
        return parts
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
