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
    /// made once for each page depth instead of once per page (and, in a build session,
    /// kept between rebuilds for the notes that did not change).
    let shared: SharedValues
    /// Template values made from many notes (every action's row, in order), made once per
    /// build and never kept by a session.
    let rebuildValues = SharedValues()

    init(
        portal: Portal, analysis: Analysis, includeInternal: Bool, includeDrafts: Bool, baseURL: String = "",
        history: GitHistory = .empty, shared: SharedValues = SharedValues()
    ) {
        self.shared = shared
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
            for handle in note.body.mentions { mentions[handle, default: []].append(note.ref) }
        }
        self.mentions = mentions
        var bySlug: [String: (name: String, notes: [Note])] = [:]
        // Few tags, many notes: each tag is made a slug once.
        var slugs: [String: String] = [:]
        for note in portal.notes {
            for tag in note.tags {
                let slug = slugs[tag] ?? Slug.make(tag)
                slugs[tag] = slug
                bySlug[slug, default: (tag, [])].notes.append(note)
            }
        }
        tags = bySlug.keys.sorted().map { bySlug[$0]! }
        var decimals: [String: Int] = [:]
        for kpi in analysis.kpis { decimals[kpi.id] = Format.decimals(of: kpi) }
        kpiDecimals = decimals
        actionsByMeeting = Self.grouping(analysis.actions, by: \.meeting)
        decisionsByMeeting = Self.grouping(analysis.decisions, by: \.meeting)
        actionsByQuarter = Self.grouping(analysis.actions, by: \.quarter)
        decisionsByQuarter = Self.grouping(analysis.decisions, by: \.quarter)
    }

    var config: PortalConfig { portal.config }

    /// `Dictionary(grouping:by:)` for items that mostly come in runs of the same key (actions
    /// and decisions, in meeting order): a key is looked up once per run, not per item.
    private static func grouping<Item, Key: Hashable>(_ items: [Item], by key: (Item) -> Key) -> [Key: [Item]] {
        var groups: [Key: [Item]] = [:]
        var start = 0
        while start < items.count {
            let current = key(items[start])
            var end = start + 1
            while end < items.count, key(items[end]) == current { end += 1 }
            groups[current, default: []].append(contentsOf: items[start..<end])
            start = end
        }
        return groups
    }

    /// True when the build writes the Atom feed and the sitemap.
    var hasFeed: Bool { !baseURL.isEmpty }

    /// The notes of `kind` that mention `handle`.
    func notes(of kind: NoteKind, mentioning handle: String) -> [Note] {
        (mentions[handle] ?? []).filter { $0.kind == kind }.compactMap(portal.note)
    }

    /// Every meeting, newest first: sorted once per build for the pages that filter it.
    var meetingsNewestFirst: [Note] {
        rebuildValues.value("meetings-newest-first") { newestFirst(portal.notes(of: .meeting)) }
    }

    /// Each person's meetings, newest first, by handle: made in one pass for every person page.
    var meetingsByAttendee: [String: [Note]] {
        rebuildValues.value("meetings-by-attendee") {
            var byHandle: [String: [Note]] = [:]
            for note in meetingsNewestFirst {
                guard case .meeting(let meeting) = note.details else { continue }
                // A handle listed twice still lists the meeting once.
                for (index, handle) in meeting.attendees.enumerated() where !meeting.attendees[..<index].contains(handle) {
                    byHandle[handle, default: []].append(note)
                }
            }
            return byHandle
        }
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
///
/// A build session keeps them from one rebuild to the next: a value made from one note
/// says so (`of:`) and is forgotten when that note changes; the others depend only on the
/// configuration, the theme and the as-of date, and a change to those starts afresh.
final class SharedValues: Sendable {
    private struct Entry: @unchecked Sendable {
        let value: Any
    }
    /// A value made from one note, for pages at one depth (`root`).
    private struct NoteKey: Hashable {
        let purpose: String
        let root: String
        let note: NoteRef
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var keysByNote: [NoteRef: [String]] = [:]
        var noteEntries: [NoteKey: Entry] = [:]
        var noteKeys: [NoteRef: [NoteKey]] = [:]
        var quarterEntries: [QuarterKey: Entry] = [:]
    }
    /// A value made from the notes dated in one quarter, for pages at one depth.
    private struct QuarterKey: Hashable {
        let purpose: String
        let root: String
        let quarter: Quarter
    }
    private let state = Mutex(State())

    /// The value stored under `key`, made by `make` the first time; `note` is the note it
    /// is made from, if any.
    func value<Value>(_ key: String, of note: NoteRef? = nil, _ make: () -> Value) -> Value {
        if let entry = state.withLock({ $0.entries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        state.withLock { state in
            if state.entries.updateValue(Entry(value: value), forKey: key) == nil, let note {
                state.keysByNote[note, default: []].append(key)
            }
        }
        return value
    }

    /// The value `purpose` of `note` for pages whose way to the root is `root`, made by
    /// `make` the first time. The same as `value(_:of:_:)` with a key of those three, without
    /// making the key a string: pages ask for thousands.
    func noteValue<Value>(_ purpose: String, root: String = "", of note: NoteRef, _ make: () -> Value) -> Value {
        let key = NoteKey(purpose: purpose, root: root, note: note)
        if let entry = state.withLock({ $0.noteEntries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        state.withLock { state in
            if state.noteEntries.updateValue(Entry(value: value), forKey: key) == nil { state.noteKeys[note, default: []].append(key) }
        }
        return value
    }

    /// The value `purpose` made from the notes of `quarter`, made by `make` the first time.
    /// It is forgotten when a note dated in that quarter changes (`forget(quarters:)`), so it
    /// may show nothing but notes dated in the quarter.
    func quarterValue<Value>(_ purpose: String, root: String, of quarter: Quarter, _ make: () -> Value) -> Value {
        let key = QuarterKey(purpose: purpose, root: root, quarter: quarter)
        if let entry = state.withLock({ $0.quarterEntries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        state.withLock { $0.quarterEntries[key] = Entry(value: value) }
        return value
    }

    /// Forgets the values made from the notes of these quarters.
    func forget(quarters: Set<Quarter>) {
        guard !quarters.isEmpty else { return }
        state.withLock { state in state.quarterEntries = state.quarterEntries.filter { !quarters.contains($0.key.quarter) } }
    }

    /// Forgets every value.
    func forgetAll() { state.withLock { $0 = State() } }

    /// Forgets the values made from these notes.
    func forget(_ notes: Set<NoteRef>) {
        state.withLock { state in
            for note in notes {
                for key in state.keysByNote.removeValue(forKey: note) ?? [] { state.entries[key] = nil }
                for key in state.noteKeys.removeValue(forKey: note) ?? [] { state.noteEntries[key] = nil }
            }
        }
    }
}
