import RapportCore

/// Everything page contexts are made from: the portal, its analysis and lookups between
/// them, built once per build.
final class SiteModel: Sendable {
    let portal: Portal
    let analysis: Analysis
    let includeInternal: Bool
    let includeDrafts: Bool
    /// Notes by tag name (sorted by tag, then note order).
    let tags: [(name: String, notes: [Note])]
    let kpiDecimals: [String: Int]
    let actionsByMeeting: [NoteRef: [ActionItem]]
    let decisionsByMeeting: [NoteRef: [Decision]]

    init(portal: Portal, analysis: Analysis, includeInternal: Bool, includeDrafts: Bool) {
        self.portal = portal
        self.analysis = analysis
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
        var bySlug: [String: (name: String, notes: [Note])] = [:]
        for note in portal.notes {
            for tag in note.tags {
                let slug = Slug.make(tag)
                bySlug[slug, default: (tag, [])].notes.append(note)
            }
        }
        tags = bySlug.keys.sorted().map { bySlug[$0]! }
        var decimals: [String: Int] = [:]
        for kpi in analysis.kpis { decimals[kpi.id] = Format.decimals(of: kpi) }
        kpiDecimals = decimals
        actionsByMeeting = Dictionary(grouping: analysis.actions, by: \.meeting)
        decisionsByMeeting = Dictionary(grouping: analysis.decisions, by: \.meeting)
    }

    var config: PortalConfig { portal.config }

    /// Notes sorted newest first (undated last, then by title).
    func newestFirst(_ notes: [Note]) -> [Note] {
        notes.sorted { lhs, rhs in
            switch (lhs.date, rhs.date) {
            case let (l?, r?) where l != r: return l > r
            case (.some, .none): return true
            case (.none, .some): return false
            default: return (lhs.title, lhs.id) < (rhs.title, rhs.id)
            }
        }
    }
}
