import RapportCore
import Synchronization

/// A long-lived build for `rapport serve`: the site is kept in memory, and each rebuild
/// parses only the notes whose files changed and renders only the pages that show them.
/// The bytes are exactly those `rapport build` writes for the same input.
public final class BuildSession: Sendable {
    /// What one rebuild did.
    public struct Outcome: Sendable {
        /// True when the site was updated; false when errors kept the last good site.
        public let succeeded: Bool
        public let diagnostics: [Diagnostic]
        /// Pages rendered (or removed) by this rebuild.
        public let pagesRendered: Int
        public let pagesTotal: Int
        public let seconds: Double
        /// Increases with every successful rebuild.
        public let version: Int
        /// The routes this rebuild rendered, sorted.
        public var renderedRoutes: [String] = []
        /// Seconds per stage of this rebuild.
        public var timings: [(stage: String, seconds: Double)] = []
        /// CPU seconds of the whole rebuild, on every core.
        public var cpuSeconds = 0.0
        /// The files that took longest to render, with their CPU seconds, slowest first (at most five).
        public var slowest: [(route: String, seconds: Double)] = []
    }

    private struct State {
        /// Each file as the rebuild made it (parts are joined when served: a rebuild never
        /// copies a large file); assets as read.
        var files: [String: PageText] = [:]
        var version = 0
        var diagnostics: [Diagnostic] = []
        var failed = false
    }

    private struct Memory {
        var templatesSignature: [FileSignature?] = []
        var configSignature: FileSignature? = nil
        var tagsByNote: [NoteRef: [String]] = [:]
        /// The people each note concerns (see `ChangeSet.people`).
        var peopleByNote: [NoteRef: Set<String>] = [:]
        var quarterByNote: [NoteRef: Quarter] = [:]
        /// Every note of the last successful rebuild, in portal order.
        var notes: [Note] = []
        /// The diagnostics of the last successful rebuild, as found and sorted.
        var diagnostics: (found: [Diagnostic], sorted: [Diagnostic]) = ([], [])
        /// Notes parsed by rebuilds that failed: their pages still need rendering.
        var pending: Set<NoteRef> = []
        /// The theme as last loaded, with the signatures of its files.
        var theme: (signature: [FileSignature?], templates: TemplateSet)? = nil
        /// The last analysis made; the next takes what did not change from it.
        var analysis: Analysis? = nil
        /// The route of every job of the last successful rebuild, in job order.
        var routes: [String] = []
        /// The git history as last read, with the state of the repository it was read in.
        var history: (signature: [FileSignature?], history: GitHistory)? = nil
        /// The note pages' jobs of the last successful rebuild.
        var notePages: NotePageJobs? = nil
        /// The notes by tag of the last rebuild.
        var tags: TagGroups? = nil
        var built = false
    }

    public let options: BuildOptions
    private let cache = LoadCache()
    /// Per-note pieces of the data files, kept between rebuilds.
    private let fragments = FragmentCache()
    /// Template values and list rows kept between rebuilds (see `SharedValues`).
    private let shared = SharedValues()
    private let state = Mutex(State())
    private let memory = Mutex(Memory())

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The current bytes of a route (`index.html`, `assets/rapport.css`), nil when none.
    public func file(_ route: String) -> [UInt8]? { state.withLock { $0.files[route] }?.bytes }

    /// Every route of the current site, sorted.
    public var routes: [String] { state.withLock { $0.files.keys.sorted() } }

    /// Whether the current site has a file at `route`.
    public func has(_ route: String) -> Bool { state.withLock { $0.files[route] != nil } }

    /// The version of the current site and the errors of the last rebuild, if it failed.
    public var status: (version: Int, errors: [Diagnostic]) {
        state.withLock { ($0.version, $0.failed ? $0.diagnostics : []) }
    }

    /// Brings the in-memory site up to date with the content and templates on disk.
    /// Call from one task at a time.
    public func rebuild() -> Outcome {
        var timer = StageClock()
        let cpuStart = StageClock.processCPU()
        let loaded = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions,
            route: Routes.note, cache: cache)
        timer.lap("load")
        var reparsed = memory.withLock { memory in
            defer { memory.pending = [] }
            return cache.takeReparsed().union(memory.pending)
        }
        // The theme is parsed again only when one of its files changed.
        let themeSignature = Self.signature(ofTheme: options.templates)
        let templates: TemplateSet
        if let theme = memory.withLock({ $0.theme }), theme.signature == themeSignature {
            templates = theme.templates
        } else {
            switch TemplateSet.load(from: options.templates, engine: options.templateEngine) {
            case .success(var set):
                set.reusesRows = true
                templates = set
                memory.withLock { $0.theme = (themeSignature, set) }
            case .failure(let failure): return fail(loaded.diagnostics + failure.diagnostics, reparsed: reparsed, timer: &timer)
            }
        }
        timer.lap("templates")
        guard let portal = loaded.portal else { return fail(loaded.diagnostics, reparsed: reparsed, timer: &timer) }
        // `reparsed` names every note parsed since the last analysis was made (those of
        // failed rebuilds too), so that analysis gives what did not change.
        let analysis = memory.withLock { $0.analysis }.map {
            Analysis(portal: portal, asOf: options.asOf, reusing: $0, changed: reparsed)
        } ?? Analysis(portal: portal, asOf: options.asOf)
        memory.withLock { $0.analysis = analysis }
        var diagnostics = loaded.diagnostics + NarrativeCheck.diagnostics(portal: portal, analysis: analysis, displayRoot: options.content)
        if diagnostics.contains(where: { $0.severity == .error }) { return fail(diagnostics, reparsed: reparsed, timer: &timer) }
        timer.lap("analysis")

        // The same model `build` makes (base URL, git history), so both write the same bytes.
        let (history, revised) = history(of: portal)
        // A note whose last change in git is another one since the last rebuild shows it.
        reparsed.formUnion(revised)
        let changes = memory.withLock { memory in
            detectChanges(portal: portal, reparsed: reparsed, theme: themeSignature, memory: &memory)
        }
        // Before the model is made and any job runs: what changed must not be taken from the
        // pieces and values kept.
        if changes.everything { fragments.forgetAll() } else { fragments.forget(changes.notes) }
        if changes.everything {
            shared.forgetAll()
        } else {
            shared.forget(changes.notes)
            shared.forget(quarters: changes.quarters)
        }
        // Notes by tag, kept while the notes are the same list and those read again kept
        // their tags (taken out of the memory, so that they are changed in place).
        var tags = memory.withLock { memory in
            defer { memory.tags = nil }
            return memory.tags
        }
        if changes.everything || tags?.update(to: portal) != true { tags = TagGroups(portal: portal) }
        memory.withLock { $0.tags = tags }
        let (model, siteDiagnostics) = SiteBuilder.siteModel(
            portal: portal, analysis: analysis, options: options, shared: shared, history: history, tags: tags)
        diagnostics += siteDiagnostics
        // Thousands of note pages: their jobs are kept while the notes are the same list and
        // the theme and configuration did not change, and a note read again gets a new one.
        // (Taken out of the memory, so that the arrays are changed in place.)
        var notePages = memory.withLock { memory in
            defer { memory.notePages = nil }
            return memory.notePages
        }
        if !changes.everything, notePages?.update(to: portal) == true {
            notePages!.renderer.model = model
        } else {
            notePages = NotePageJobs(portal: portal, renderer: NotePageRenderer(chrome: PageChrome(templates: templates), model: model))
        }
        let jobs = SitePages.jobs(model: model, templates: templates, fragments: fragments, notePages: notePages)
        memory.withLock { $0.notePages = notePages }
        timer.lap("site model and jobs")
        // Files go away only when the list of pages changed (a note added, removed or renamed,
        // a tag or quarter gone): most rebuilds compare the lists and stop there. With the
        // same list, every page has its file from the last successful rebuild.
        let jobRoutes = jobs.map(\.route)
        let sameRoutes = memory.withLock { memory in
            defer { memory.routes = jobRoutes }
            return memory.routes == jobRoutes
        }
        let dirty = state.withLock { state in
            jobs.filter { job in changes.affects(job.dependency) || (!sameRoutes && state.files[job.route] == nil) }
        }
        let rendered = parallelMap(dirty) { job in
            let start = StageClock.threadCPU()
            let text = job.render()
            return (route: job.route, text: text, cpu: StageClock.threadCPU() - start)
        }
        // The kept note jobs must not hold this rebuild's model (and its portal) until the next.
        notePages!.renderer.model = nil
        var assets: [(String, [UInt8])] = []
        if changes.everything {
            for asset in templates.assets {
                if let bytes = ContentScanner.read(templates.root + "/assets/" + asset) { assets.append(("assets/" + asset, bytes)) }
            }
        }
        let routes = changes.everything || !sameRoutes ? Set(jobRoutes) : []
        timer.lap("render")
        let seconds = timer.laps.reduce(0) { $0 + $1.seconds }
        let (version, total, removed) = state.withLock { state -> (Int, Int, Int) in
            for file in rendered { state.files[file.route] = file.text }
            var removed = 0
            if changes.everything {
                let assetRoutes = Set(assets.map(\.0))
                for route in state.files.keys where !routes.contains(route) && !assetRoutes.contains(route) {
                    state.files[route] = nil
                    removed += 1
                }
                for (route, bytes) in assets { state.files[route] = .bytes(bytes) }
            } else if !sameRoutes {
                for route in state.files.keys where !routes.contains(route) && !route.hasPrefix("assets/") {
                    state.files[route] = nil
                    removed += 1
                }
            }
            state.version += 1
            state.diagnostics = diagnostics
            state.failed = false
            return (state.version, state.files.count, removed)
        }
        // Most edits leave the warnings as they were: sorted once, not on every rebuild.
        let sortedDiagnostics = memory.withLock { memory in
            if memory.diagnostics.found != diagnostics { memory.diagnostics = (diagnostics, Diagnostic.sorted(diagnostics)) }
            return memory.diagnostics.sorted
        }
        return Outcome(
            succeeded: true, diagnostics: sortedDiagnostics, pagesRendered: rendered.count + removed,
            pagesTotal: total, seconds: seconds, version: version,
            renderedRoutes: rendered.map(\.route).sorted(), timings: loaded.timings + timer.laps.dropFirst(),
            cpuSeconds: StageClock.processCPU() - cpuStart,
            slowest: rendered.sorted { ($0.cpu, $1.route) > ($1.cpu, $0.route) }.prefix(5).map { ($0.route, $0.cpu) })
    }

    /// The git history, read again only when the repository changed (a commit, a checkout):
    /// editing notes does not change it. Also gives the notes whose last change is another
    /// one than in the history read before.
    private func history(of portal: Portal) -> (GitHistory, revised: Set<NoteRef>) {
        guard options.gitInfo else { return (.empty, []) }
        let signature = GitInfo.stateSignature(contentRoot: options.content)
        let kept = memory.withLock { $0.history }
        if let kept, let signature, kept.signature == signature { return (kept.history, []) }
        let history = GitInfo.read(contentRoot: options.content, displayRoot: options.content)
        memory.withLock { $0.history = signature.map { ($0, history) } }
        guard let previous = kept?.history else { return (history, []) }
        let revised = portal.notes.filter { history.revision(of: $0.path) != previous.revision(of: $0.path) }.map(\.ref)
        return (history, Set(revised))
    }

    private func fail(_ diagnostics: [Diagnostic], reparsed: Set<NoteRef>, timer: inout StageClock) -> Outcome {
        timer.lap("rebuild")
        let sorted = Diagnostic.sorted(diagnostics)
        let (version, total) = state.withLock { state -> (Int, Int) in
            state.diagnostics = sorted
            state.failed = true
            return (state.version, state.files.count)
        }
        // The cache keeps the notes parsed here; their pages are rendered by the next good build.
        memory.withLock { $0.pending.formUnion(reparsed) }
        return Outcome(
            succeeded: false, diagnostics: sorted, pagesRendered: 0, pagesTotal: total,
            seconds: timer.laps.reduce(0) { $0 + $1.seconds }, version: version)
    }

    /// Which inputs changed since the last successful rebuild.
    /// What identifies the current version of every file of a theme.
    private static func signature(ofTheme root: String) -> [FileSignature?] {
        FileTree.files(under: root).map { FileSignature.of(root + "/" + $0) }
    }

    /// The people whose pages show `note`: its attendees, the owners of its actions, whoever
    /// it mentions and whoever requested it.
    private static func people(of note: Note) -> Set<String> {
        var handles = Set(note.body.mentions)
        switch note.details {
        case .meeting(let meeting):
            handles.formUnion(meeting.attendees)
            // The owners of its actions, read as the analysis reads them.
            for task in note.body.tasks { if let owner = ActionText.owner(in: task.text) { handles.insert(owner) } }
        case .change(let change): if let handle = change.requestedBy { handles.insert(handle) }
        default: break
        }
        return handles
    }

    private func detectChanges(
        portal: Portal, reparsed: Set<NoteRef>, theme templateFiles: [FileSignature?], memory: inout Memory
    ) -> ChangeSet {
        let configSignature = FileSignature.of(ContentScanner.join(options.content, "portal.yaml"))
        var changes = ChangeSet()
        changes.everything = !memory.built || templateFiles != memory.templatesSignature || configSignature != memory.configSignature
        var changed = reparsed.filter { portal.note($0) != nil }
        // Notes added or removed (most rebuilds have the same notes, most of them the same
        // objects: comparing those needs no read of the notes themselves).
        let sameNotes = portal.notes.count == memory.notes.count
            && zip(portal.notes, memory.notes).allSatisfy { $0 === $1 || $0.ref == $1.ref }
        // The notes are kept in a list of their own, changed in place: sharing the portal's
        // would make the next load copy it.
        if sameNotes {
            for index in portal.notes.indices where memory.notes[index] !== portal.notes[index] {
                memory.notes[index] = portal.notes[index]
            }
        } else {
            let now = Set(portal.notes.map(\.ref))
            let before = Set(memory.notes.map(\.ref))
            changed.formUnion(before.subtracting(now))
            changed.formUnion(now.subtracting(before))
        }
        changes.notes = changed
        changes.kinds = Set(changed.map(\.kind))
        let calendar = portal.config.calendar
        for ref in changed {
            // The people the note concerned, and those it concerns now.
            changes.people.formUnion(memory.peopleByNote[ref] ?? [])
            let people = portal.note(ref).map(Self.people(of:)) ?? []
            changes.people.formUnion(people)
            memory.peopleByNote[ref] = people.isEmpty ? nil : people
            // The quarter a changed note was in, and the one it is in now.
            if let quarter = memory.quarterByNote[ref] { changes.quarters.insert(quarter) }
            let quarter = portal.note(ref)?.date.map(calendar.quarter(containing:))
            if let quarter { changes.quarters.insert(quarter) }
            memory.quarterByNote[ref] = quarter
            // (The tags it had are read before they are replaced: in place, the dictionary of
            // every note's tags is not copied.)
            for tag in memory.tagsByNote[ref] ?? [] { changes.tags.insert(tag) }
            let tags = portal.note(ref)?.tags.map(Slug.make) ?? []
            changes.tags.formUnion(tags)
            memory.tagsByNote[ref] = tags.isEmpty ? nil : tags
        }
        if changes.everything {
            memory.tagsByNote = [:]
            for note in portal.notes where !note.tags.isEmpty { memory.tagsByNote[note.ref] = note.tags.map(Slug.make) }
            memory.quarterByNote = [:]
            memory.peopleByNote = [:]
            for note in portal.notes {
                if let date = note.date { memory.quarterByNote[note.ref] = calendar.quarter(containing: date) }
                let people = Self.people(of: note)
                if !people.isEmpty { memory.peopleByNote[note.ref] = people }
            }
        }
        memory.templatesSignature = templateFiles
        memory.configSignature = configSignature
        if !sameNotes { memory.notes = portal.notes.map { $0 } }
        memory.built = true
        return changes
    }
}

/// What changed between two builds of a session.
struct ChangeSet {
    var everything = false
    var notes: Set<NoteRef> = [] { didSet { changedList = notes.sorted() } }
    /// `notes` as a list: asking a handful of notes whether one is among them is quicker
    /// than hashing its id, and a build asks for every page.
    private(set) var changedList: [NoteRef] = []
    var kinds: Set<NoteKind> = []
    var tags: Set<String> = []
    /// The quarters of changed dated notes (before and after the change).
    var quarters: Set<Quarter> = []
    /// The handles of the people changed notes concern (before and after the change).
    var people: Set<String> = []

    var isEmpty: Bool { !everything && notes.isEmpty }

    /// Whether the note `ref` changed.
    func hasChanged(_ ref: NoteRef) -> Bool {
        changedList.count <= 16 ? changedList.contains(ref) : notes.contains(ref)
    }

    func affects(_ dependency: PageDependency) -> Bool {
        if everything { return true }
        if notes.isEmpty { return false }
        switch dependency {
        case .everything: return true
        case .notes(let refs): return !refs.isDisjoint(with: notes)
        case .note(let ref, let kpi): return hasChanged(ref) || kpi.map(hasChanged) ?? false
        case .kinds(let set): return !set.isDisjoint(with: kinds)
        case .tag(let slug): return tags.contains(slug)
        case .person(let handle): return people.contains(handle)
        case .quarters(let set, let anyOf):
            return !set.isDisjoint(with: quarters) || !anyOf.isDisjoint(with: kinds)
        }
    }
}
