/// Which notes a build includes.
public struct LoadOptions: Sendable {
    /// Include `visibility: internal` notes (an internal build).
    public var includeInternal: Bool
    /// Include `draft: true` notes.
    public var includeDrafts: Bool

    public init(includeInternal: Bool = false, includeDrafts: Bool = false) {
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
    }
}

/// The whole content folder, typed: the portal's configuration and every note the build
/// includes. A shared build's portal holds nothing of internal or draft notes.
public struct Portal: Sendable {
    public let config: PortalConfig
    /// Included notes, sorted by kind then id.
    public let notes: [Note]
    private let index: [NoteRef: Int]
    private let byKind: [NoteKind: [Note]]

    public init(config: PortalConfig, notes: [Note]) {
        self.config = config
        self.notes = notes.sorted { $0.ref < $1.ref }
        var index: [NoteRef: Int] = [:]
        for (position, note) in self.notes.enumerated() { index[note.ref] = position }
        self.index = index
        byKind = Dictionary(grouping: self.notes, by: \.kind)
    }

    public func note(_ ref: NoteRef) -> Note? { index[ref].map { notes[$0] } }

    /// The notes of one kind, in note order. Kept apart once at loading: pages ask for
    /// them thousands of times, and filtering copies every note.
    public func notes(of kind: NoteKind) -> [Note] { byKind[kind] ?? [] }
}

/// What loading a content folder gave: the portal when there were no errors, and every
/// diagnostic (sorted).
public struct LoadResult: Sendable {
    public let portal: Portal?
    public let diagnostics: [Diagnostic]
    /// Seconds per loading stage (scan, front matter, Markdown), for `--timings`.
    public var timings: [(stage: String, seconds: Double)] = []
}

/// Loads a content folder into a `Portal`: scan, front matter, Markdown, validation.
public enum PortalLoader {
    /// - Parameters:
    ///   - contentRoot: the folder to read.
    ///   - displayRoot: how diagnostics name it (usually as the user typed it).
    ///   - route: the page of a note relative to the site root, for links between notes.
    public static func load(
        contentRoot: String, displayRoot: String? = nil, options: LoadOptions,
        route: @escaping @Sendable (NoteRef) -> String, cache: LoadCache? = nil
    ) -> LoadResult {
        let display = displayRoot ?? contentRoot
        var log = DiagnosticLog()
        var clock = StageClock()
        let listing = ContentScanner.list(root: contentRoot, displayRoot: display)
        log.append(contentsOf: listing.diagnostics)
        clock.lap("scan")

        let portalPath = ContentScanner.join(display, "portal.yaml")
        var config: PortalConfig? = nil
        if listing.hasPortalFile, let bytes = ContentScanner.read(ContentScanner.join(contentRoot, "portal.yaml")) {
            config = PortalConfig.parse(bytes, path: portalPath, log: &log)
        } else {
            log.error(portalPath, 1, 1, "portal.yaml is missing: it names the portal, the two parties and the people")
        }

        let headerResults = parallelMap(listing.notes) { path -> (NoteHeader?, [Diagnostic]) in
            let displayPath = ContentScanner.join(display, path)
            let fullPath = ContentScanner.join(contentRoot, path)
            let signature = cache == nil ? nil : FileSignature.of(fullPath)
            if let signature, let entry = cache?.header(path, signature: signature) {
                return (entry.header, entry.diagnostics)
            }
            guard let bytes = ContentScanner.read(fullPath) else {
                return (nil, [.error(displayPath, 1, 1, "cannot read the file")])
            }
            let result = NoteHeader.read(bytes: bytes, path: path, displayPath: displayPath)
            if let signature {
                cache?.store(header: .init(signature: signature, header: result.0, diagnostics: result.1), for: path)
            }
            return result
        }
        cache?.retain(paths: Set(listing.notes))
        var headers: [NoteHeader] = []
        var firstByRef: [NoteRef: String] = [:]
        for (header, diagnostics) in headerResults {
            log.append(contentsOf: diagnostics)
            guard let header else { continue }
            if let other = firstByRef[header.ref] {
                log.error(header.displayPath, 1, 1, "another \(header.kind.rawValue) has the id '\(header.ref.id)': \(ContentScanner.join(display, other))")
                continue
            }
            firstByRef[header.ref] = header.path
            headers.append(header)
        }
        guard let config else { return LoadResult(portal: nil, diagnostics: Diagnostic.sorted(log.diagnostics)) }

        func isIncluded(_ header: NoteHeader) -> Bool {
            (header.visibility == .shared || options.includeInternal) && (!header.isDraft || options.includeDrafts)
        }
        var notesByPath: [String: (ref: NoteRef, included: Bool)] = [:]
        for header in headers { notesByPath[header.path] = (header.ref, isIncluded(header)) }
        clock.lap("read and front matter")
        let parser = NoteParser(
            links: LinkResolver(notesByPath: notesByPath, route: route),
            people: Set(config.people.map(\.handle)),
            csvFiles: Set(listing.csvFiles), contentRoot: contentRoot, displayRoot: display,
            calendar: config.calendar)
        let included = headers.filter(isIncluded)
        let environment = cache == nil ? 0 : environmentKey(notesByPath: notesByPath, config: config, csvFiles: listing.csvFiles)
        let parsed = parallelMap(included) { header -> (Note?, [Diagnostic]) in
            guard let cache, let signature = FileSignature.of(ContentScanner.join(contentRoot, header.path)) else {
                return parser.parse(header)
            }
            let csv = String(header.path.dropLast(3)) + ".csv"
            let key = LoadCache.NoteKey(
                signature: signature,
                csvSignature: header.kind == .kpi ? FileSignature.of(ContentScanner.join(contentRoot, csv)) : nil,
                environment: environment)
            if let entry = cache.note(header.path, key: key) { return (entry.note, entry.diagnostics) }
            let result = parser.parse(header)
            cache.store(note: .init(key: key, note: result.0, diagnostics: result.1), for: header.path, ref: header.ref)
            return result
        }
        var notes: [Note] = []
        for (note, diagnostics) in parsed {
            log.append(contentsOf: diagnostics)
            if let note { notes.append(note) }
        }
        checkOrphanCSVs(listing.csvFiles, headers: headers, display: display, log: &log)
        let portal = Portal(config: config, notes: notes)
        checkReferences(portal, display: display, log: &log)
        clock.lap("Markdown and validation")
        var result = LoadResult(portal: log.hasErrors ? nil : portal, diagnostics: Diagnostic.sorted(log.diagnostics))
        result.timings = clock.laps
        return result
    }

    /// A fingerprint of what every note's parse depends on besides its own file: which
    /// notes exist and are included (for links), the people and the fiscal calendar.
    private static func environmentKey(notesByPath: [String: (ref: NoteRef, included: Bool)], config: PortalConfig, csvFiles: [String]) -> Int {
        var hasher = Hasher()
        for path in notesByPath.keys.sorted() {
            hasher.combine(path)
            hasher.combine(notesByPath[path]!.included)
        }
        for person in config.people { hasher.combine(person.handle) }
        hasher.combine(config.calendar.startMonth)
        hasher.combine(csvFiles)
        return hasher.finalize()
    }

    /// A CSV must sit beside the KPI note with the same base name.
    private static func checkOrphanCSVs(_ csvFiles: [String], headers: [NoteHeader], display: String, log: inout DiagnosticLog) {
        let kpiPaths = Set(headers.filter { $0.kind == .kpi }.map { String($0.path.dropLast(3)) })
        for csv in csvFiles where !kpiPaths.contains(String(csv.dropLast(4))) {
            log.warning(ContentScanner.join(display, csv), 1, 1, "no KPI note beside this CSV (expected \(csv.dropLast(4)).md): its rows are not used")
        }
    }

    /// KPI ids named by wins and expectations must exist.
    private static func checkReferences(_ portal: Portal, display: String, log: inout DiagnosticLog) {
        for note in portal.notes {
            let kpi: String?
            switch note.details {
            case .win(let details): kpi = details.kpi
            case .expectation(let details): kpi = details.kpi
            default: kpi = nil
            }
            if let kpi, portal.note(NoteRef(kind: .kpi, id: kpi)) == nil {
                log.warning(ContentScanner.join(display, note.path), 1, 1, "'kpi: \(kpi)' names no KPI of this build")
            }
        }
    }
}
