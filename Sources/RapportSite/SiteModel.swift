import RapportCore
import Synchronization

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
    let actionsByQuarter: [Quarter: [ActionItem]]
    let decisionsByQuarter: [Quarter: [Decision]]
    /// The URL the portal is published at, ending in `/`; empty when unknown (then no
    /// feed and no sitemap are written).
    let baseURL: String
    /// When each note last changed in git; empty without git information.
    let history: GitHistory
    /// What the home page shows.
    let dashboard: Dashboard
    /// Notes that mention each `@handle` in their text, in portal order.
    let mentions: [String: [NoteRef]]
    /// The directory by handle.
    let people: [String: Person]
    /// The names every page shows (`site` in templates).
    let siteNames: [String: String]
    /// The as-of date as pages print it.
    let asOfText: String
    /// Template values many pages show (menus, people, tag and note links, excerpts),
    /// made once for each page depth instead of once per page.
    let shared = SharedValues()

    init(
        portal: Portal, analysis: Analysis, includeInternal: Bool, includeDrafts: Bool, baseURL: String = "",
        history: GitHistory = .empty
    ) {
        self.portal = portal
        self.analysis = analysis
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.history = history
        dashboard = Dashboard(portal: portal, analysis: analysis)
        let config = portal.config
        people = Dictionary(config.people.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
        siteNames = [
            "title": config.title, "client": config.client.name, "clientShort": config.client.short,
            "provider": config.provider.name, "providerShort": config.provider.short,
        ]
        asOfText = Format.longDate(analysis.asOf)
        var mentions: [String: [NoteRef]] = [:]
        for note in portal.notes {
            for handle in Mentions.handles(in: note.body.plainText) { mentions[handle, default: []].append(note.ref) }
        }
        self.mentions = mentions
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
        actionsByQuarter = Dictionary(grouping: analysis.actions, by: \.quarter)
        decisionsByQuarter = Dictionary(grouping: analysis.decisions, by: \.quarter)
    }

    var config: PortalConfig { portal.config }

    /// True when the build writes the Atom feed and the sitemap.
    var hasFeed: Bool { !baseURL.isEmpty }

    /// The notes of `kind` that mention `handle`.
    func notes(of kind: NoteKind, mentioning handle: String) -> [Note] {
        (mentions[handle] ?? []).filter { $0.kind == kind }.compactMap(portal.note)
    }

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

/// Template values made once and shared by many pages, by key. Pages are made on two threads,
/// so the cache is locked; what it holds is never changed after it is stored.
final class SharedValues: Sendable {
    private struct Entry: @unchecked Sendable {
        let value: Any
    }
    private let entries = Mutex([String: Entry]())

    /// The value stored under `key`, made by `make` the first time.
    func value<Value>(_ key: String, _ make: () -> Value) -> Value {
        if let entry = entries.withLock({ $0[key] }), let value = entry.value as? Value { return value }
        let value = make()
        entries.withLock { $0[key] = Entry(value: value) }
        return value
    }
}
