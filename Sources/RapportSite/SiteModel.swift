import RapportCore
import Synchronization

/// Everything page contexts are made from: the portal, its analysis and lookups between
/// them, built once per build.
final class SiteModel: Sendable {
    let portal: Portal
    let analysis: Analysis
    let includeInternal: Bool
    let includeDrafts: Bool
    /// Notes by tag name (sorted by tag, then note order; see `TagGroups`).
    let tags: [(name: String, notes: [Note])]
    /// The URL the portal is published at, ending in `/`; empty when unknown (then no
    /// feed and no sitemap are written).
    let baseURL: String
    /// When each note last changed in git; empty without git information.
    let history: GitHistory
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
        history: GitHistory = .empty, shared: SharedValues = SharedValues(), tags: TagGroups? = nil
    ) {
        self.shared = shared
        self.portal = portal
        self.analysis = analysis
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.history = history
        let config = portal.config
        people = Dictionary(config.people.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
        siteNames = [
            "title": config.title, "client": config.client.name, "clientShort": config.client.short,
            "provider": config.provider.name, "providerShort": config.provider.short,
        ]
        asOfText = Format.longDate(analysis.asOf)
        self.tags = (tags ?? TagGroups(portal: portal)).groups
    }

    var config: PortalConfig { portal.config }

    // Made by the first page that asks, on whichever core it runs: a rebuild that renders
    // no page showing them does not make them.

    /// What the home page shows.
    var dashboard: Dashboard { rebuildValues.value("dashboard") { Dashboard(portal: portal, analysis: analysis) } }

    /// The decimals each KPI's figures are shown with, by id.
    var kpiDecimals: [String: Int] {
        rebuildValues.value("kpi-decimals") {
            var decimals: [String: Int] = [:]
            for kpi in analysis.kpis {
                decimals[kpi.id] = shared.noteValue("decimals", of: NoteRef(kind: .kpi, id: kpi.id)) { Format.decimals(of: kpi) }
            }
            return decimals
        }
    }

    /// The wins and feedback that mention each `@handle` in their text, in portal order
    /// within each kind (person pages list them; only those kinds are indexed).
    var mentions: [String: [Note]] {
        rebuildValues.value("mentions") {
            var mentions: [String: [Note]] = [:]
            for kind in SiteModel.mentioningKinds {
                for note in portal.notes(of: kind) {
                    for handle in note.body.mentions { mentions[handle, default: []].append(note) }
                }
            }
            return mentions
        }
    }

    /// The kinds of notes whose mentions `mentions` holds.
    static let mentioningKinds: [NoteKind] = [.win, .feedback]

    /// The notes of `kind` dated in `quarter`, by date then id (a review pack shows them).
    /// Grouped once per build by the first pack that asks, rather than every pack going
    /// through every note.
    func notes(of kind: NoteKind, in quarter: Quarter) -> [Note] {
        let byQuarter = rebuildValues.value("dated-notes|" + kind.rawValue) { () -> [Quarter: [Note]] in
            var groups: [Quarter: [Note]] = [:]
            for note in portal.notes(of: kind) {
                guard let date = note.date else { continue }
                groups[analysis.calendar.quarter(containing: date), default: []].append(note)
            }
            return groups.mapValues { notes in notes.sorted { ($0.date!, $0.id) < ($1.date!, $1.id) } }
        }
        return byQuarter[quarter] ?? []
    }

    // Actions and decisions come in meeting order (date, then id), so a meeting's or a
    // quarter's are one run of them, found by binary search rather than grouped every build.

    /// The actions of `meeting`, in note order.
    func actions(of meeting: Note) -> [ActionItem] { Array(analysis.actions[run(analysis.actions, of: meeting)]) }

    /// The decisions of `meeting`, in note order.
    func decisions(of meeting: Note) -> [Decision] { Array(analysis.decisions[run(analysis.decisions, of: meeting)]) }

    /// How many actions `meeting` has, without listing them.
    func actionCount(of meeting: Note) -> Int { run(analysis.actions, of: meeting).count }

    /// How many decisions `meeting` has, without listing them.
    func decisionCount(of meeting: Note) -> Int { run(analysis.decisions, of: meeting).count }

    /// The actions of meetings dated in `quarter`.
    func actions(in quarter: Quarter) -> [ActionItem] { Array(analysis.actions[run(analysis.actions, in: quarter)]) }

    /// The decisions of meetings dated in `quarter`.
    func decisions(in quarter: Quarter) -> [Decision] { Array(analysis.decisions[run(analysis.decisions, in: quarter)]) }

    /// The quarters with decisions, oldest first.
    var decisionQuarters: [Quarter] {
        var quarters: [Quarter] = []
        for decision in analysis.decisions where quarters.last != decision.quarter { quarters.append(decision.quarter) }
        return quarters
    }

    /// Takes the note, not its reference: looking the note up again for its date was
    /// half the time of this search.
    private func run<Item: MeetingItem>(_ items: [Item], of meeting: Note) -> Range<Int> {
        guard meeting.kind == .meeting, let date = meeting.date else { return 0..<0 }
        let id = meeting.id
        let start = firstIndex(items) { ($0.date, $0.meeting.id) >= (date, id) }
        let end = firstIndex(items) { ($0.date, $0.meeting.id) > (date, id) }
        return start..<end
    }

    private func run<Item: MeetingItem>(_ items: [Item], in quarter: Quarter) -> Range<Int> {
        firstIndex(items) { $0.quarter >= quarter }..<firstIndex(items) { $0.quarter > quarter }
    }

    /// The first index whose item satisfies `isAfter`, which is false then true along `items`.
    private func firstIndex<Item>(_ items: [Item], where isAfter: (Item) -> Bool) -> Int {
        var (low, high) = (0, items.count)
        while low < high {
            let middle = (low + high) / 2
            if isAfter(items[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// True when the build writes the Atom feed and the sitemap.
    var hasFeed: Bool { !baseURL.isEmpty }

    /// The notes of `kind` that mention `handle`.
    func notes(of kind: NoteKind, mentioning handle: String) -> [Note] {
        assert(SiteModel.mentioningKinds.contains(kind), "mentions are indexed for wins and feedback only")
        return (mentions[handle] ?? []).filter { $0.kind == kind }
    }

    /// Every meeting, newest first: sorted once per build for the pages that filter it.
    var meetingsNewestFirst: [Note] {
        rebuildValues.value("meetings-newest-first") { newestFirst(portal.notes(of: .meeting)) }
    }

    // Person pages pick their actions and meetings out of every one of them. Reading an
    // owner or attendees from each object misses the cache once per object (16k actions,
    // 6k meetings): these compact lists are made once per build and scanned by each page.

    /// The owner of each of `analysis.actions`, in that order.
    var actionOwners: [String?] { rebuildValues.value("action-owners") { analysis.actions.map(\.owner) } }

    /// Which people of the configuration attend each of `meetingsNewestFirst`, as bits.
    var attendance: Attendance {
        rebuildValues.value("attendance") { Attendance(meetings: meetingsNewestFirst, people: config.people.map(\.handle)) }
    }

    /// The people of the configuration (handles elsewhere have no page) attending each of a
    /// list of meetings: bit `p` of meeting `m`'s words is person `p`.
    struct Attendance: Sendable {
        private let people: [String]
        private let words: Int
        private var bits: [UInt64]

        init(meetings: [Note], people: [String]) {
            self.people = people
            words = max(1, (people.count + 63) / 64)
            bits = [UInt64](repeating: 0, count: meetings.count * words)
            // Few people: comparing short handles beats hashing them.
            let index = people.count > 16 ? Dictionary(people.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) : nil
            for (meeting, note) in meetings.enumerated() {
                guard case .meeting(let details) = note.details else { continue }
                for handle in details.attendees {
                    guard let person = index.map({ $0[handle] }) ?? people.firstIndex(of: handle) else { continue }
                    bits[meeting * words + person / 64] |= 1 << UInt64(person % 64)
                }
            }
        }

        /// The indexes of the meetings `handle` attends, in order.
        func meetings(attendedBy handle: String) -> [Int] {
            guard let person = people.firstIndex(of: handle) else { return [] }
            let (word, bit) = (person / 64, UInt64(1) << UInt64(person % 64))
            return stride(from: word, to: bits.count, by: words).compactMap { bits[$0] & bit != 0 ? $0 / words : nil }
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
/// A build session keeps them from one rebuild to the next: a value made from one note (or
/// one analysis object, or one quarter's notes) is forgotten when that note (or a note of the
/// quarter) changes; the others depend only on the configuration, the theme and the as-of
/// date, and a change to those starts afresh.
///
/// The values of notes and analysis objects (tens of thousands of lookups a build, from two
/// threads at once on tag and review pages) are kept in shards by note, each with its own
/// lock, so that the two threads seldom wait for each other.
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
    /// A value made from one object of the analysis (an action, a decision) that lives as
    /// long as its note is unchanged, for pages at one depth.
    private struct ObjectKey: Hashable {
        let purpose: String
        let root: String
        let object: ObjectIdentifier
    }
    private struct ObjectEntry: @unchecked Sendable {
        /// Held so that its identifier is not given to another object meanwhile.
        let object: AnyObject
        let value: Any
    }
    /// A value made from the notes dated in one quarter, for pages at one depth.
    private struct QuarterKey: Hashable {
        let purpose: String
        let root: String
        let quarter: Quarter
    }
    /// Values that are no note's, and values made from a quarter's notes.
    private struct Common {
        var entries: [String: Entry] = [:]
        var quarterEntries: [QuarterKey: Entry] = [:]
    }
    /// The values made from some of the notes (those `shard(of:)` gives it) and from their objects.
    private struct NoteState {
        var noteEntries: [NoteKey: Entry] = [:]
        var noteKeys: [NoteRef: [NoteKey]] = [:]
        var objectEntries: [ObjectKey: ObjectEntry] = [:]
        var objectKeys: [NoteRef: [ObjectKey]] = [:]
    }
    private final class Shard: Sendable {
        let state: Mutex<NoteState>
        init(_ state: NoteState) { self.state = Mutex(state) }
    }
    private let common = Mutex(Common())
    private let perThread = ThreadCache()
    private let shards: [Shard]
    private static let shardCount = 16

    convenience init() { self.init(expectingNotes: 0, items: 0) }

    /// With room for what a full build of `notes` notes with `items` actions and decisions
    /// stores (about three values a note, one an item: measured at 10,000 notes), so that
    /// the tables are not made again, under the lock, as they grow.
    init(expectingNotes notes: Int, items: Int) {
        var state = NoteState()
        state.noteEntries.reserveCapacity(notes * 3 / Self.shardCount)
        state.noteKeys.reserveCapacity(notes / Self.shardCount)
        state.objectEntries.reserveCapacity((items + items / 4) / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in Shard(state) }
    }

    /// The shard of a note's values: from the length and last byte of its id, which is
    /// quicker than hashing it and spreads the notes of a portal well enough.
    private func shard(of note: NoteRef) -> Shard {
        let id = note.id.utf8
        return shards[(id.count &+ Int(id.last ?? 0) &* 7) & (Self.shardCount - 1)]
    }

    /// The value stored under `key`, made by `make` the first time. It may show no note:
    /// values made from notes use `noteValue`, `objectValue` or `quarterValue`.
    func value<Value>(_ key: String, _ make: () -> Value) -> Value {
        if let entry = common.withLock({ $0.entries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        common.withLock { $0.entries[key] = Entry(value: value) }
        return value
    }

    /// Like `value`, for small values that most pages show (the page chrome, people, tags):
    /// each thread makes and keeps its own. One copy used by two threads at once has its
    /// reference counts, and the lock around it, passed between the cores at every use.
    func threadValue<Value>(_ key: String, _ make: () -> Value) -> Value {
        perThread.value(key, make)
    }

    /// The value `purpose` of `note` for pages whose way to the root is `root`, made by
    /// `make` the first time. The same as `value(_:of:_:)` with a key of those three, without
    /// making the key a string: pages ask for thousands.
    func noteValue<Value>(_ purpose: String, root: String = "", of note: NoteRef, _ make: () -> Value) -> Value {
        let key = NoteKey(purpose: purpose, root: root, note: note)
        let shard = shard(of: note)
        if let entry = shard.state.withLock({ $0.noteEntries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        shard.state.withLock { state in
            if state.noteEntries.updateValue(Entry(value: value), forKey: key) == nil { state.noteKeys[note, default: []].append(key) }
        }
        return value
    }

    /// The value `purpose` made from `object` (part of the note `note`) for pages whose way
    /// to the root is `root`, made by `make` the first time. A build session's analysis keeps
    /// the objects of unchanged notes, so their values are found by identity, not by a key
    /// made of strings.
    func objectValue<Value>(_ purpose: String, root: String, of object: AnyObject, note: NoteRef, _ make: () -> Value) -> Value {
        let key = ObjectKey(purpose: purpose, root: root, object: ObjectIdentifier(object))
        let shard = shard(of: note)
        if let entry = shard.state.withLock({ $0.objectEntries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        shard.state.withLock { state in
            if state.objectEntries.updateValue(ObjectEntry(object: object, value: value), forKey: key) == nil {
                state.objectKeys[note, default: []].append(key)
            }
        }
        return value
    }

    /// The value `objectValue` keeps for these, if one was made.
    func madeObjectValue<Value>(_ purpose: String, root: String, of object: AnyObject, note: NoteRef) -> Value? {
        let key = ObjectKey(purpose: purpose, root: root, object: ObjectIdentifier(object))
        return shard(of: note).state.withLock({ $0.objectEntries[key] })?.value as? Value
    }

    /// The value `purpose` made from the notes of `quarter`, made by `make` the first time.
    /// It is forgotten when a note dated in that quarter changes (`forget(quarters:)`), so it
    /// may show nothing but notes dated in the quarter.
    func quarterValue<Value>(_ purpose: String, root: String, of quarter: Quarter, _ make: () -> Value) -> Value {
        let key = QuarterKey(purpose: purpose, root: root, quarter: quarter)
        if let entry = common.withLock({ $0.quarterEntries[key] }), let value = entry.value as? Value { return value }
        let value = make()
        common.withLock { $0.quarterEntries[key] = Entry(value: value) }
        return value
    }

    /// Forgets the values made from the notes of these quarters.
    func forget(quarters: Set<Quarter>) {
        guard !quarters.isEmpty else { return }
        common.withLock { state in state.quarterEntries = state.quarterEntries.filter { !quarters.contains($0.key.quarter) } }
    }

    /// Forgets every value.
    func forgetAll() {
        perThread.clear()
        common.withLock { $0 = Common() }
        for shard in shards { shard.state.withLock { $0 = NoteState() } }
    }

    /// Forgets the values made from these notes.
    func forget(_ notes: Set<NoteRef>) {
        for note in notes {
            shard(of: note).state.withLock { state in
                for key in state.noteKeys.removeValue(forKey: note) ?? [] { state.noteEntries[key] = nil }
                for key in state.objectKeys.removeValue(forKey: note) ?? [] { state.objectEntries[key] = nil }
            }
        }
    }
}

/// What actions and decisions share: the meeting they come from, its date and quarter.
protocol MeetingItem {
    var meeting: NoteRef { get }
    var date: Day { get }
    var quarter: Quarter { get }
}

extension ActionItem: MeetingItem {}
extension Decision: MeetingItem {}

/// Notes by tag name, sorted by tag, then in portal order. A tag's name is its first
/// spelling in portal order; spellings with the same slug are one tag. A build session keeps
/// the groups from one rebuild to the next.
struct TagGroups: Sendable {
    private(set) var groups: [(name: String, notes: [Note])] = []
    /// The slug of each group.
    private var slugs: [String] = []
    /// The portal's notes the groups were made from, in order.
    private var notes: [Note]

    init(portal: Portal) {
        // A list of its own: sharing the portal's would make the next load copy it.
        notes = portal.notes.map { $0 }
        // Few tags, many notes: each tag is made a slug once, and notes are added to their
        // tag's list in place.
        var groupOfTag: [String: Int] = [:]
        var groupOfSlug: [String: Int] = [:]
        var made: [(slug: String, name: String, notes: [Note])] = []
        for note in portal.notes {
            for tag in note.tags {
                let group: Int
                if let known = groupOfTag[tag] {
                    group = known
                } else {
                    let slug = Slug.make(tag)
                    group = groupOfSlug[slug] ?? made.count
                    if group == made.count { made.append((slug, tag, [])) }
                    groupOfSlug[slug] = group
                    groupOfTag[tag] = group
                }
                made[group].notes.append(note)
            }
        }
        made.sort { $0.slug < $1.slug }
        groups = made.map { ($0.name, $0.notes) }
        slugs = made.map(\.slug)
    }

    /// Brings the groups up to date with `portal` when its notes are those the groups were
    /// made from, some read again with the same tags: the new objects take the old ones'
    /// places. Returns false, changing nothing, otherwise (make new groups then).
    mutating func update(to portal: Portal) -> Bool {
        guard portal.notes.count == notes.count else { return false }
        var replaced: [Int] = []
        for (index, note) in portal.notes.enumerated() where notes[index] !== note {
            guard notes[index].ref == note.ref, notes[index].tags == note.tags else { return false }
            replaced.append(index)
        }
        for index in replaced {
            let (old, new) = (notes[index], portal.notes[index])
            notes[index] = new
            for slug in Set(new.tags.map(Slug.make)) {
                guard let group = slugs.firstIndex(of: slug) else { continue }
                for position in groups[group].notes.indices where groups[group].notes[position] === old {
                    groups[group].notes[position] = new
                }
            }
        }
        return true
    }
}
