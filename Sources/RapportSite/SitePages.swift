import RapportCore

/// One file of the site: where it goes and how to make it.
struct PageJob: Sendable {
    let route: String
    let render: @Sendable () -> String
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
