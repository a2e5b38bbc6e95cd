import RapportCore

/// `{{kpi:id}}` in a QBR narrative cites that KPI's quarter value; an unknown id is an
/// error at the line where it is written.
enum NarrativeCheck {
    static func diagnostics(portal: Portal, analysis: Analysis, displayRoot: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for note in portal.notes(of: .qbr) {
            for citation in note.body.citations where analysis.kpi(citation.id) == nil {
                found.append(
                    .error(
                        ContentScanner.join(displayRoot, note.path), citation.line, citation.column,
                        "{{kpi:\(citation.id)}} names no KPI of this build"))
            }
        }
        return found
    }
}
