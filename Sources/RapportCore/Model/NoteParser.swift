/// The second pass over a note: its body through Markdown and its kind's own keys.
struct NoteParser: Sendable {
    let links: LinkResolver
    let people: Set<String>
    let csvFiles: Set<String>
    let contentRoot: String
    let displayRoot: String
    let calendar: FiscalCalendar

    static let meetingKinds = ["check-in", "qbr", "steering", "workshop", "escalation", "social"]

    func parse(_ header: NoteHeader) -> (Note?, [Diagnostic]) {
        var log = DiagnosticLog()
        let fields = FieldReader(node: header.front, path: header.displayPath)
        let body = links.render(
            header.body, notePath: header.path, displayPath: header.displayPath,
            firstLine: header.bodyFirstLine, readsDecisions: header.kind == .meeting, log: &log)
        let details: NoteDetails
        var ownKeys: Set<String> = []
        switch header.kind {
        case .meeting:
            ownKeys = ["kind", "attendees"]
            let meetingKind = fields.oneOf("kind", NoteParser.meetingKinds, log: &log)
            var attendees: [String] = []
            for (text, node) in fields.list("attendees", log: &log) {
                let handle = text.hasPrefix("@") ? String(text.dropFirst()) : text
                if !people.contains(handle) {
                    log.warning(header.displayPath, node.line, node.column, "unknown person '@\(handle)': add them to people in portal.yaml")
                }
                attendees.append(handle)
            }
            details = .meeting(MeetingDetails(meetingKind: meetingKind, attendees: attendees))
            for task in body.tasks {
                if let owner = ActionText.owner(in: task.text), !people.contains(owner) {
                    log.warning(header.displayPath, task.line, task.column, "unknown person '@\(owner)' owns an action: add them to people in portal.yaml")
                }
                if let problem = ActionText.dueProblem(in: task.text) {
                    log.error(header.displayPath, task.line, task.column, problem)
                }
            }
        case .kpi:
            ownKeys = ["unit", "direction", "target", "warning", "quarter_target", "quarter_warning", "frequency", "aggregate", "owner", "measurements"]
            guard let definition = parseKPI(header, fields: fields, log: &log) else { return (nil, log.diagnostics) }
            details = .kpi(definition)
        case .win:
            ownKeys = ["kpi", "team"]
            details = .win(WinDetails(kpi: fields.text("kpi", log: &log), team: fields.oneOf("team", ["client", "provider", "both"], log: &log)))
        case .feedback:
            ownKeys = ["from", "sentiment", "status", "response"]
            let from = fields.oneOf("from", ["client", "provider"], log: &log)
            let sentiment = fields.oneOf("sentiment", ["positive", "constructive"], log: &log)
            if !fields.has("from") { log.error(header.displayPath, 1, 1, "missing 'from': feedback comes from client or provider") }
            if !fields.has("sentiment") { log.error(header.displayPath, 1, 1, "missing 'sentiment': positive or constructive") }
            let status = fields.oneOf("status", ["open", "acknowledged", "addressed"], log: &log) ?? "open"
            var responseHTML: String? = nil
            if let response = fields.text("response", log: &log), !response.trimmingSpaces.isEmpty {
                let start = header.textStart(of: header.front["response"]!)
                responseHTML = links.render(
                    response, notePath: header.path, displayPath: header.displayPath,
                    firstLine: start.line, firstColumn: start.column, readsDecisions: false, log: &log
                ).html
            }
            details = .feedback(FeedbackDetails(from: from ?? "", sentiment: sentiment ?? "", status: status, responseHTML: responseHTML))
        case .expectation:
            ownKeys = ["owner", "due", "cadence", "status", "kpi"]
            details = .expectation(
                ExpectationDetails(
                    owner: fields.oneOf("owner", ["client", "provider"], log: &log),
                    due: fields.day("due", log: &log),
                    cadence: fields.text("cadence", log: &log),
                    status: fields.oneOf("status", ["on-track", "at-risk", "missed", "met"], log: &log),
                    kpi: fields.text("kpi", log: &log)))
        case .change:
            ownKeys = ["status", "requested_by", "impact"]
            var requestedBy = fields.text("requested_by", log: &log)
            if let text = requestedBy, text.hasPrefix("@") { requestedBy = String(text.dropFirst()) }
            details = .change(
                ChangeDetails(
                    status: fields.oneOf("status", ["proposed", "approved", "in-progress", "done", "rejected"], log: &log),
                    requestedBy: requestedBy,
                    impact: fields.text("impact", log: &log)))
        case .qbr:
            ownKeys = ["quarter"]
            guard let quarter = Quarter(header.ref.id) else {
                log.error(header.displayPath, 1, 1, "a QBR note is named after its quarter, like 'qbr/2026-Q1.md'")
                return (nil, log.diagnostics)
            }
            details = .qbr(quarter)
        case .page:
            details = .page
        }
        if log.hasErrors { return (nil, log.diagnostics) }
        var params: [(key: String, value: ParamValue)] = []
        for entry in header.front.entries ?? [] where !NoteHeader.commonKeys.contains(entry.key) && !ownKeys.contains(entry.key) {
            params.append((entry.key, ParamValue(entry.value)))
        }
        let note = Note(
            ref: header.ref, path: header.path, title: header.title, date: header.date, tags: header.tags,
            visibility: header.visibility, isDraft: header.isDraft, params: params, body: body, details: details)
        return (note, log.diagnostics)
    }
}
