import RapportCore
import Synchronization

/// One file of the site: where it goes, how to make it, and which inputs it shows (so a
/// build session renders it again only when one of them changed).
struct PageJob: Sendable {
    let route: String
    var dependency: PageDependency = .everything
    /// The layout that renders it ("data" for JSON, feeds and other generated files).
    var layout = "data"
    /// The file's content.
    let render: @Sendable () -> PageText

    init(route: String, dependency: PageDependency = .everything, layout: String = "data", render: @escaping @Sendable () -> String) {
        self.init(route: route, dependency: dependency, layout: layout, parts: { [render()] })
    }

    init(route: String, dependency: PageDependency = .everything, layout: String = "data", parts: @escaping @Sendable () -> [String]) {
        self.route = route
        self.dependency = dependency
        self.layout = layout
        self.render = { .parts(parts()) }
    }

    init(route: String, dependency: PageDependency = .everything, layout: String, bytes: @escaping @Sendable () -> [UInt8]) {
        self.init(route: route, dependency: dependency, layout: layout, text: { .bytes(bytes()) })
    }

    init(route: String, dependency: PageDependency = .everything, layout: String, text: @escaping @Sendable () -> PageText) {
        self.route = route
        self.dependency = dependency
        self.layout = layout
        self.render = text
    }
}

/// A file's content: text in parts written one after another (a large file made of shared
/// pieces is never copied into one string), or the UTF-8 bytes a template printed (never
/// made a string, which would check every byte again).
enum PageText: Sendable {
    case parts([String])
    case bytes([UInt8])

    /// The content as one run of bytes.
    var bytes: [UInt8] {
        switch self {
        case .bytes(let bytes): return bytes
        case .parts(let parts):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(byteCount)
            for var part in parts { part.withUTF8 { bytes.append(contentsOf: $0) } }
            return bytes
        }
    }

    var byteCount: Int {
        switch self {
        case .parts(let parts): return parts.reduce(0) { $0 + $1.utf8.count }
        case .bytes(let bytes): return bytes.count
        }
    }
}

/// What a page shows, besides the configuration and templates every page depends on.
enum PageDependency: Sendable {
    /// Anything: rendered again on every change.
    case everything
    /// Only these notes.
    case notes(Set<NoteRef>)
    /// One note, and the KPI it names if any (a note's own page: no set made for each).
    case note(NoteRef, kpi: NoteRef?)
    /// Any note of these kinds.
    case kinds(Set<NoteKind>)
    /// The notes with this tag (by slug).
    case tag(String)
    /// The notes that concern this person (by handle): meetings they attend, actions they
    /// own, notes that mention them, changes they requested.
    case person(String)
    /// Dated notes in these quarters, and any note of the given kinds.
    case quarters(Set<Quarter>, anyOf: Set<NoteKind>)
}

/// Renders note pages with the current model. A build session keeps one per theme and
/// gives it each rebuild's model, so that the jobs of notes that did not change are kept.
final class NotePageRenderer: Sendable {
    let chrome: PageChrome
    private let current: Mutex<SiteModel?>

    init(chrome: PageChrome, model: SiteModel) {
        self.chrome = chrome
        current = Mutex(model)
    }

    /// The model pages are rendered with; a session lets it go between rebuilds (it holds
    /// the portal, which the next load then changes in place rather than copying).
    var model: SiteModel? {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    func render(_ note: Note, route: String) -> PageText {
        let page = PageContext(model: model!, route: route).notePage(note)
        return .bytes(chrome.templates.renderBytes("note", chrome.decorate(page)))
    }
}

/// The page of every note but quarter narratives (shown by their quarter's pack), in portal
/// order: thousands of jobs, which a build session keeps from one rebuild to the next.
struct NotePageJobs {
    let renderer: NotePageRenderer
    /// The note each job renders.
    private(set) var notes: [Note] = []
    private(set) var jobs: [PageJob] = []

    init(portal: Portal, renderer: NotePageRenderer) {
        self.renderer = renderer
        notes.reserveCapacity(portal.notes.count)
        jobs.reserveCapacity(portal.notes.count)
        for note in portal.notes where note.kind != .qbr {
            notes.append(note)
            jobs.append(Self.job(note, renderer))
        }
    }

    private static func job(_ note: Note, _ renderer: NotePageRenderer) -> PageJob {
        let route = Routes.note(note.ref)
        return PageJob(route: route, dependency: SitePages.noteInputs(note), layout: "note", text: { renderer.render(note, route: route) })
    }

    /// Brings the jobs up to date with `portal`, whose notes must be the same list (by ref)
    /// as before: a note whose object is not the one its job holds (it was read again) gets
    /// a new job. Returns false, changing nothing, when the list is not the same.
    mutating func update(to portal: Portal) -> Bool {
        var index = 0
        for note in portal.notes where note.kind != .qbr {
            // The same object needs no read of its ref (most are: thousands of cache misses).
            guard index < notes.count, notes[index] === note || notes[index].ref == note.ref else { return false }
            index += 1
        }
        guard index == notes.count else { return false }
        index = 0
        for note in portal.notes where note.kind != .qbr {
            if notes[index] !== note {
                notes[index] = note
                jobs[index] = Self.job(note, renderer)
            }
            index += 1
        }
        return true
    }
}

/// Every page and data file of a build.
enum SitePages {
    /// The layout of each kind's list page.
    static func listLayout(_ kind: NoteKind) -> String {
        switch kind {
        case .meeting: return "meetings"
        case .win: return "wins"
        case .feedback: return "feedback"
        case .expectation: return "expectations"
        case .change: return "changes"
        case .kpi, .qbr, .page: return "list"
        }
    }

    /// Every job of a build; `fragments` (a build session's) keeps per-note pieces of the
    /// data files from one rebuild to the next.
    /// `notePages` (a build session's, brought up to date) gives the note pages' jobs; without
    /// it they are made.
    static func jobs(
        model: SiteModel, templates: TemplateSet, fragments: FragmentCache? = nil, notePages: NotePageJobs? = nil,
        searchLines: Background<[String]>? = nil
    ) -> [PageJob] {
        var jobs: [PageJob] = []
        jobs.reserveCapacity(model.portal.notes.count + 100)
        let chrome = PageChrome(templates: templates)
        let notePages = notePages ?? NotePageJobs(portal: model.portal, renderer: NotePageRenderer(chrome: chrome, model: model))
        /// The day each page last changed, for the sitemap.
        var lastChanged: [String: Day] = [:]
        func page(
            _ route: String, _ layout: String, root: String? = nil, dependsOn dependency: PageDependency = .everything,
            _ context: @escaping @Sendable (PageContext) -> TemplateValues
        ) {
            jobs.append(
                PageJob(route: route, dependency: dependency, layout: layout) {
                    chrome.templates.renderBytes(layout, chrome.decorate(context(PageContext(model: model, route: route, fixedRoot: root))))
                })
        }
        page(Routes.home, "home") { $0.homePage() }
        // A host serves the 404 page at any depth, where relative links would break: with
        // a base URL its links start from the base URL's path instead.
        page(Routes.notFound, "not-found", root: model.hasFeed ? SitePages.path(of: model.baseURL) : nil, dependsOn: .kinds([])) {
            $0.notFoundPage()
        }
        page(Routes.search, "search") { $0.searchPage() }
        // The note pages come here in the sitemap, and last among the jobs (see below).
        let notePagesAt = jobs.count
        if !model.history.revisions.isEmpty {
            for (note, job) in zip(notePages.notes, notePages.jobs) {
                if let revision = model.history.revision(of: note.path) { lastChanged[job.route] = revision.date }
            }
        }
        for kind in NoteKind.allCases where kind != .qbr {
            page(Routes.list(kind), listLayout(kind), dependsOn: .kinds([kind])) { $0.listPage(kind) }
        }
        page(Routes.actions, "actions", dependsOn: .kinds([.meeting])) { $0.actionsPage() }
        page(Routes.decisions, "decisions", dependsOn: .kinds([.meeting])) { $0.decisionsPage() }
        page(Routes.tags, "tags") { $0.tagsPage() }
        for (name, notes) in model.tags {
            page(Routes.tag(name), "tag", dependsOn: .tag(Slug.make(name))) { $0.tagPage(name, notes: notes) }
        }
        page(Routes.people, "people", dependsOn: .kinds([])) { $0.peoplePage() }
        for person in model.config.people {
            // A person's page lists their meetings, actions, wins and mentions in any note.
            page(Routes.person(person.handle), "person", dependsOn: .person(person.handle)) { $0.personPage(person) }
        }
        page(Routes.qbrList, "qbr-list") { $0.qbrListPage() }
        let quarters = qbrQuarters(model)
        let packsAt = jobs.count
        for quarter in quarters {
            // A pack shows its quarter's notes, the previous quarter's actions, and every KPI
            // and expectation (undated or measured across quarters).
            let inputs = PageDependency.quarters([quarter, quarter.previous], anyOf: [.kpi, .expectation, .qbr])
            page(Routes.qbr(quarter.description), "qbr", dependsOn: inputs) { $0.qbrPage(quarter) }
            if let narrative = model.portal.note(NoteRef(kind: .qbr, id: quarter.description)),
                let revision = model.history.revision(of: narrative.path)
            {
                lastChanged[Routes.qbr(quarter.description)] = revision.date
            }
        }
        let pageRoutes = jobs[..<notePagesAt].map(\.route) + notePages.jobs.map(\.route) + jobs[notePagesAt...].map(\.route)

        // Data files are made by their jobs, in parallel with the pages. Each names the notes
        // it shows, so that a build session makes it again only when one of them changed.
        let dataFilesAt = jobs.count
        for (route, inputs, write) in DataAPI.writers {
            jobs.append(PageJob(route: route, dependency: inputs, parts: { write(model.analysis, fragments) }))
        }
        // An event shows its meeting, its attendees' names (configuration) and the base URL.
        jobs.append(
            PageJob(route: Routes.calendar, dependency: .kinds([.meeting]), layout: "data", text: {
                MeetingCalendar.file(model: model, baseURL: model.baseURL, fragments: fragments)
            }))
        if model.hasFeed {
            // Entries are meetings, their decisions and wins.
            jobs.append(
                PageJob(route: Routes.feed, dependency: .kinds([.meeting, .win]), parts: {
                    AtomFeed.render(model: model, baseURL: model.baseURL, fragments: fragments)
                }))
            // Pages come and go with notes, tags, people and quarters: the sitemap is checked
            // on every change, and made again only when its routes or dates differ.
            let changed = lastChanged
            jobs.append(
                PageJob(route: Routes.sitemap) {
                    let make = { Sitemap.render(routes: pageRoutes, lastChanged: changed, baseURL: model.baseURL) }
                    return fragments?.sitemap(routes: pageRoutes, lastChanged: changed, baseURL: model.baseURL, make: make) ?? make()
                })
        }
        // Largest first, so that neither core is left finishing a large file alone at the
        // end: the search index, the list, tag, people and pack pages, the data files and
        // feeds, and the note pages (about a tenth of a millisecond each) last.
        jobs += notePages.jobs
        // The search index is the largest file; it lists every note, review pack and person,
        // so it depends on everything. Made first, unless most of it is being made beside
        // the analysis (`searchLines`): then before the review packs, by which time it is
        // ready. The script made from the same parts comes after the packs (the other core
        // made pages meanwhile), and before the data files: the parts are let go after that
        // second use, before the largest files are made.
        let searchJSON = Once(uses: 2) {
            SearchIndex.json(model: model, qbrQuarters: quarters, fragments: fragments, noteLines: searchLines?.take())
        }
        jobs.insert(PageJob(route: Routes.searchScript, parts: { SearchIndex.script(json: searchJSON.value) }), at: dataFilesAt)
        jobs.insert(PageJob(route: Routes.searchJSON, parts: { searchJSON.value + ["\n"] }), at: searchLines == nil ? 0 : packsAt)
        return jobs
    }

    /// The path of a URL: `https://host/portal/` -> `/portal/`.
    static func path(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "/" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    /// The notes a note's own page shows: itself and the KPI it names.
    static func noteInputs(_ note: Note) -> PageDependency {
        switch note.details {
        case .win(let win): return .note(note.ref, kpi: win.kpi.map { NoteRef(kind: .kpi, id: $0) })
        case .expectation(let expectation): return .note(note.ref, kpi: expectation.kpi.map { NoteRef(kind: .kpi, id: $0) })
        default: return .note(note.ref, kpi: nil)
        }
    }

    /// Every quarter with activity, and any quarter with a narrative.
    static func qbrQuarters(_ model: SiteModel) -> [Quarter] {
        var quarters = Set(model.analysis.quarters.map(\.quarter))
        for note in model.portal.notes(of: .qbr) {
            if case .qbr(let quarter) = note.details { quarters.insert(quarter) }
        }
        return quarters.sorted()
    }
}

/// A value made the first time a job asks for it (a job asking meanwhile waits for it) and
/// let go after its last expected use; asked for again, it is made again.
final class Once<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let uses: Int
    private let state = Mutex<(value: Value?, used: Int)>((nil, 0))

    init(uses: Int, _ make: @escaping @Sendable () -> Value) {
        self.uses = uses
        self.make = make
    }

    var value: Value {
        state.withLock { state in
            let value = state.value ?? make()
            state.used += 1
            state.value = state.used % uses == 0 ? nil : value
            return value
        }
    }
}
