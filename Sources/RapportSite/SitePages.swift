import RapportCore

/// One file of the site: where it goes, how to make it, and which inputs it shows (so a
/// build session renders it again only when one of them changed).
struct PageJob: Sendable {
    let route: String
    var dependency: PageDependency = .everything
    let render: @Sendable () -> String

    init(route: String, dependency: PageDependency = .everything, render: @escaping @Sendable () -> String) {
        self.route = route
        self.dependency = dependency
        self.render = render
    }
}

/// What a page shows, besides the configuration and templates every page depends on.
enum PageDependency: Sendable {
    /// Anything: rendered again on every change.
    case everything
    /// Only these notes.
    case notes(Set<NoteRef>)
    /// Any note of these kinds.
    case kinds(Set<NoteKind>)
    /// The notes with this tag (by slug).
    case tag(String)
}

/// Every page and data file of a build.
enum SitePages {
    static func jobs(model: SiteModel, templates: TemplateSet) -> [PageJob] {
        var jobs: [PageJob] = []
        func page(_ route: String, _ layout: String, _ context: @escaping @Sendable (PageContext) -> [String: Any]) {
            jobs.append(PageJob(route: route) { templates.render(layout, context(PageContext(model: model, route: route))) })
        }
        page(Routes.home, "home") { $0.homePage() }
        page(Routes.notFound, "not-found") { $0.notFoundPage() }
        for note in model.portal.notes where note.kind != .qbr {
            page(Routes.note(note.ref), "note") { $0.notePage(note) }
        }
        for kind in NoteKind.allCases where kind != .qbr {
            page(Routes.list(kind), "list") { $0.listPage(kind) }
        }
        page(Routes.actions, "actions") { $0.actionsPage() }
        page(Routes.decisions, "decisions") { $0.decisionsPage() }
        page(Routes.tags, "tags") { $0.tagsPage() }
        for (name, notes) in model.tags {
            page(Routes.tag(name), "tag") { $0.tagPage(name, notes: notes) }
        }
        page(Routes.people, "people") { $0.peoplePage() }
        for person in model.config.people {
            page(Routes.person(person.handle), "person") { $0.personPage(person) }
        }
        page(Routes.qbrList, "qbr-list") { $0.qbrListPage() }
        for quarter in qbrQuarters(model) {
            page(Routes.qbr(quarter.description), "qbr") { $0.qbrPage(quarter) }
        }
        for (route, text) in DataAPI.files(model.analysis) {
            jobs.append(PageJob(route: route) { text })
        }
        return jobs
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
