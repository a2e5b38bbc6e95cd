import RapportCore

/// No two files of a build share a path. Pages are written in parallel, so a shared path
/// would make the output depend on which write came last, and one page would silently
/// hide another. Notes cannot be called `index` and tags or handles whose slug is `index`
/// get `_index`; people whose handles differ only in case or punctuation (`Ana`, `ana`)
/// are what is left, and this check names them.
///
/// It also names the notes whose page name would be longer than a file name may be (255
/// bytes): the longest note name Linux allows is 252 bytes and `.md`, and `.html` is longer.
enum RouteCheck {
    static let nameLimit = 255

    static func diagnostics(_ jobs: [PageJob], model: SiteModel, displayRoot: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for note in model.portal.notes {
            // The bytes of the page's file name: the route after its last `/`.
            let length = Routes.note(note.ref).utf8.reversed().prefix { $0 != UInt8(ascii: "/") }.count
            if length > nameLimit {
                found.append(
                    .error(
                        ContentScanner.join(displayRoot, note.path), 1, 1,
                        "the file name is too long for its page (\(length) bytes, at most \(nameLimit)): shorten it"))
            }
        }
        var seen = Set<String>(minimumCapacity: jobs.count)
        var repeated: Set<String> = []
        for job in jobs where !seen.insert(job.route).inserted { repeated.insert(job.route) }
        let portalFile = ContentScanner.join(displayRoot, "portal.yaml")
        return found + repeated.sorted().map { route in
            let handles = model.config.people.map(\.handle).filter { Routes.person($0) == route }
            if handles.count > 1 {
                let names = handles.map { "'\($0)'" }.joined(separator: " and ")
                return .error(
                    portalFile, 1, 1,
                    "people \(names) would share the page \(route): give them handles that differ in more than case or punctuation")
            }
            return .error(displayRoot, 1, 1, "two files of the build would be written to \(route)")
        }
    }
}
