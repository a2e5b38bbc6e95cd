/// Loads a content folder into a `Portal`: scan, front matter, Markdown, validation.
///
/// With a `LoadCache` (a serve session), a load starts from the last one: files whose
/// signature did not change are neither read nor parsed again, and when every changed file
/// is still the same note (same id, same visibility), the last load's assembly, portal and
/// sorted diagnostics are kept, with the changed notes put in. Either way the result is
/// what a load without a cache gives.
public enum PortalLoader {
    private typealias NoteFile = LoadCache.NoteFile

    /// - Parameters:
    ///   - contentRoot: the folder to read.
    ///   - displayRoot: how diagnostics name it (usually as the user typed it).
    ///   - route: the page of a note relative to the site root, for links between notes.
    public static func load(
        contentRoot: String, displayRoot: String? = nil, options: LoadOptions,
        route: @escaping @Sendable (NoteRef) -> String, cache: LoadCache? = nil
    ) -> LoadResult {
        let display = displayRoot ?? contentRoot
        var clock = StageClock()
        var previous = cache?.takeSnapshot()
        if let last = previous, last.options != options || last.root != contentRoot || last.displayRoot != display {
            previous = nil
        }
        var scan = previous?.scan ?? ScanMemo()
        let listing =
            cache == nil
            ? ContentScanner.list(root: contentRoot, displayRoot: display)
            : ContentScanner.list(root: contentRoot, displayRoot: display, memo: &scan)
        clock.lap("scan")

        let (configSignature, config, configDiagnostics) = readConfig(
            listing, contentRoot: contentRoot, display: display, cached: cache != nil, previous: previous)
        let sameConfig = configSignature != nil && configSignature == previous?.configSignature

        // Front matter of the files that changed; the others keep the header they had.
        let sameListing = previous.map { $0.listing.notes == listing.notes } ?? false
        var files: [NoteFile]
        if sameListing {
            files = previous!.files
            previous!.files = []  // so that `files` changes in place
        } else {
            files = previous.map { matchFiles(of: $0, to: listing.notes) }
                ?? Array(repeating: NoteFile(signature: nil, header: nil, headerDiagnostics: [], parsed: nil), count: listing.notes.count)
        }
        let signatures = cache == nil ? Array(repeating: nil, count: files.count) : signatures(of: listing.notes, in: contentRoot)
        let stale = files.indices.filter { signatures[$0] == nil || files[$0].signature != signatures[$0] }
        var headers = parallelMap(stale) { index -> (NoteHeader?, [Diagnostic]) in
            let path = listing.notes[index]
            let displayPath = ContentScanner.join(display, path)
            guard let bytes = ContentScanner.read(ContentScanner.join(contentRoot, path)) else {
                return (nil, [.error(displayPath, 1, 1, "cannot read the file")])
            }
            return NoteHeader.read(bytes: bytes, path: path, displayPath: displayPath)
        }
        // What the last load had of each file read again.
        var replaced: [Int: NoteFile] = [:]
        for (index, (header, diagnostics)) in zip(stale, headers) {
            replaced[index] = files[index]
            files[index] = NoteFile(signature: signatures[index], header: header, headerDiagnostics: diagnostics, parsed: nil)
        }

        // Which notes there are, kept when every file read again is the same note as before.
        func isIncluded(_ header: NoteHeader) -> Bool {
            (header.visibility == .shared || options.includeInternal) && (!header.isDraft || options.includeDrafts)
        }
        let sameNotes =
            sameListing && listing.csvFiles == previous!.listing.csvFiles
            && replaced.allSatisfy { index, old in
                old.header?.ref == files[index].header?.ref && old.header.map(isIncluded) == files[index].header.map(isIncluded)
            }
        let assembly = sameNotes ? previous!.assembly : assemble(files, listing: listing, display: display, isIncluded: isIncluded)
        clock.lap("read and front matter")

        guard let config else {
            let diagnostics = Diagnostic.sorted(
                listing.diagnostics + configDiagnostics + files.flatMap(\.headerDiagnostics) + assembly.duplicates)
            cache?.keep(
                LoadCache.Snapshot(
                    options: options, root: contentRoot, displayRoot: display, scan: scan, listing: listing, files: files,
                    configSignature: configSignature, config: nil, configDiagnostics: configDiagnostics,
                    assembly: assembly, environment: 0, portal: nil, references: [], diagnostics: diagnostics),
                reparsed: [])
            return LoadResult(portal: nil, diagnostics: diagnostics, timings: clock.laps)
        }

        // Bodies of the included notes whose file, CSV or environment changed. The notes
        // that exist are left out of the environment: when some come, go or change id or
        // visibility, only the notes whose text names one of their files are parsed again
        // (a link to a note names its file).
        let environment =
            cache == nil
            ? 0
            : sameNotes && sameConfig ? previous!.environment : environmentKey(config: config, csvFiles: listing.csvFiles)
        let changedNames = sameNotes || previous == nil ? [] : changedFileNames(from: previous!.assembly.notesByPath, to: assembly.notesByPath)
        let parser = NoteParser(
            links: LinkResolver(notesByPath: assembly.notesByPath, route: route),
            people: Set(config.people.map(\.handle)),
            csvFiles: Set(listing.csvFiles), contentRoot: contentRoot, displayRoot: display,
            calendar: config.calendar)
        var jobs: [(index: Int, header: NoteHeader, key: LoadCache.NoteKey?)] = []
        for index in assembly.included {
            let key = files[index].signature.map { signature in
                LoadCache.NoteKey(
                    signature: signature, csvSignature: assembly.kpiCSVs[index].flatMap { FileSignature.of(ContentScanner.join(contentRoot, $0)) },
                    environment: environment)
            }
            let header = files[index].header!
            if key == nil || files[index].parsed?.key != key || !changedNames.isEmpty && names(changedNames, in: header) {
                jobs.append((index, header, key))
            }
        }
        let parsed = parallelMap(jobs) { job in parser.parse(job.header) }
        // Whether every note parsed again kept its place in the portal and its diagnostics.
        var samePlaces = true
        var sameParseDiagnostics = true
        for (job, (note, diagnostics)) in zip(jobs, parsed) {
            let old = replaced[job.index].map(\.parsed) ?? files[job.index].parsed
            samePlaces = samePlaces && old != nil && (old!.note == nil) == (note == nil)
            sameParseDiagnostics = sameParseDiagnostics && old?.diagnostics == diagnostics
            files[job.index].parsed = LoadCache.ParsedNote(key: job.key, note: note, diagnostics: diagnostics)
        }

        let keepsLast = sameNotes && sameConfig && previous?.portal != nil
        let portal: Portal
        if keepsLast && samePlaces {
            var last = previous!.portal!
            previous!.portal = nil  // so that `last` changes in place
            last.replace(parsed.compactMap(\.0))
            portal = last
        } else {
            portal = Portal(config: config, notes: assembly.included.compactMap { files[$0].parsed!.note })
        }
        let references = checkReferences(portal, display: display)
        let diagnostics: [Diagnostic]
        if keepsLast && sameParseDiagnostics && references == previous!.references
            && listing.diagnostics == previous!.listing.diagnostics
            && replaced.allSatisfy({ index, old in old.headerDiagnostics == files[index].headerDiagnostics })
        {
            diagnostics = previous!.diagnostics
        } else {
            diagnostics = Diagnostic.sorted(
                listing.diagnostics + configDiagnostics + files.flatMap(\.headerDiagnostics) + assembly.duplicates
                    + assembly.included.flatMap { files[$0].parsed!.diagnostics } + assembly.orphans + references)
        }
        clock.lap("Markdown and validation")
        cache?.keep(
            LoadCache.Snapshot(
                options: options, root: contentRoot, displayRoot: display, scan: scan, listing: listing, files: files,
                configSignature: configSignature, config: config, configDiagnostics: configDiagnostics,
                assembly: assembly, environment: environment, portal: portal, references: references,
                diagnostics: diagnostics),
            reparsed: jobs.map(\.header.ref))
        if cache == nil {
            // The headers (with every file's bytes) are freed while the caller analyses.
            var read: [NoteFile] = []
            var readHeaders: [(NoteHeader?, [Diagnostic])] = []
            var parsedJobs: [(index: Int, header: NoteHeader, key: LoadCache.NoteKey?)] = []
            swap(&read, &files)
            swap(&readHeaders, &headers)
            swap(&parsedJobs, &jobs)
            releaseInBackground((consume read, consume readHeaders, consume parsedJobs))
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return LoadResult(portal: hasErrors ? nil : portal, diagnostics: diagnostics, timings: clock.laps)
    }

    /// `portal.yaml`, taken from the last load when its signature did not change.
    private static func readConfig(
        _ listing: ContentListing, contentRoot: String, display: String, cached: Bool, previous: LoadCache.Snapshot?
    ) -> (signature: FileSignature?, config: PortalConfig?, diagnostics: [Diagnostic]) {
        let portalPath = ContentScanner.join(display, "portal.yaml")
        let fullPath = ContentScanner.join(contentRoot, "portal.yaml")
        let signature = cached && listing.hasPortalFile ? FileSignature.of(fullPath) : nil
        if let previous, let signature, previous.configSignature == signature {
            return (signature, previous.config, previous.configDiagnostics)
        }
        guard listing.hasPortalFile, let bytes = ContentScanner.read(fullPath) else {
            return (nil, nil, [.error(portalPath, 1, 1, "portal.yaml is missing: it names the portal, the two parties and the people")])
        }
        var log = DiagnosticLog()
        let config = PortalConfig.parse(bytes, path: portalPath, log: &log)
        return (signature, config, log.diagnostics)
    }

    /// The last load's record of each path of `notes` (an empty one for a new path).
    private static func matchFiles(of previous: LoadCache.Snapshot, to notes: [String]) -> [NoteFile] {
        var positions: [String: Int] = [:]
        for (position, path) in previous.listing.notes.enumerated() { positions[path] = position }
        return notes.map { path in
            positions[path].map { previous.files[$0] } ?? NoteFile(signature: nil, header: nil, headerDiagnostics: [], parsed: nil)
        }
    }

    /// The signature of every note file, taken on all cores in runs of paths (one task per
    /// file would cost more than the `lstat`).
    private static func signatures(of paths: [String], in root: String) -> [FileSignature?] {
        let run = 256
        let runs = parallelMap(Array(stride(from: 0, to: paths.count, by: run))) { start in
            paths[start..<min(start + run, paths.count)].map { FileSignature.of(ContentScanner.join(root, $0)) }
        }
        return Array(runs.joined())
    }

    /// Puts the headers together: the first note of each id is kept, later ones are errors.
    private static func assemble(
        _ files: [NoteFile], listing: ContentListing, display: String, isIncluded: (NoteHeader) -> Bool
    ) -> LoadCache.Assembly {
        var assembly = LoadCache.Assembly(kept: [], included: [], kpiCSVs: [:], notesByPath: [:], duplicates: [], orphans: [])
        // Sized once: growing two tables of ten thousand notes step by step was a third
        // of this step, which runs on one core between the two parallel ones.
        var firstByRef: [NoteRef: String] = [:]
        firstByRef.reserveCapacity(files.count)
        assembly.notesByPath.reserveCapacity(files.count)
        var kpiPaths: Set<String> = []
        for (index, file) in files.enumerated() {
            guard let header = file.header else { continue }
            if let other = firstByRef[header.ref] {
                assembly.duplicates.append(
                    .error(
                        header.displayPath, 1, 1,
                        "another \(header.kind.rawValue) has the id '\(header.ref.id)': \(ContentScanner.join(display, other))"))
                continue
            }
            firstByRef[header.ref] = header.path
            assembly.kept.append(index)
            let included = isIncluded(header)
            assembly.notesByPath[header.path] = (header.ref, included)
            if header.kind == .kpi {
                let base = String(header.path.dropLast(3))
                kpiPaths.insert(base)
                if included { assembly.kpiCSVs[index] = base + ".csv" }
            }
            if included { assembly.included.append(index) }
        }
        // A CSV must sit beside the KPI note with the same base name.
        for csv in listing.csvFiles where !kpiPaths.contains(String(csv.dropLast(4))) {
            assembly.orphans.append(
                .warning(
                    ContentScanner.join(display, csv), 1, 1, "no KPI note beside this CSV (expected \(csv.dropLast(4)).md): its rows are not used"))
        }
        return assembly
    }

    /// A fingerprint of what every note's parse depends on besides its own file: which
    /// notes exist and are included (for links), the people and the fiscal calendar.
    private static func environmentKey(config: PortalConfig, csvFiles: [String]) -> Int {
        var hasher = Hasher()
        for person in config.people { hasher.combine(person.handle) }
        hasher.combine(config.calendar.startMonth)
        hasher.combine(csvFiles)
        return hasher.finalize()
    }

    /// The file names of the notes that came, went, or changed id or visibility between two
    /// assemblies. `["*"]` when one of them has a character a link might percent-encode:
    /// then every note is parsed again.
    private static func changedFileNames(
        from old: [String: (ref: NoteRef, included: Bool)], to new: [String: (ref: NoteRef, included: Bool)]
    ) -> [String] {
        var paths: [String] = []
        for (path, note) in new {
            if let before = old[path], before.ref == note.ref, before.included == note.included { continue }
            paths.append(path)
        }
        for path in old.keys where new[path] == nil { paths.append(path) }
        var names: [String] = []
        for path in paths.sorted() {
            let name = String(path.split(separator: "/").last ?? "")
            let plain = name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x2E || byte == 0x5F
            }
            guard plain, !name.isEmpty else { return ["*"] }
            names.append(name)
        }
        return names
    }

    /// Whether a note's text names one of `names` (`*`: any note does).
    private static func names(_ names: [String], in header: NoteHeader) -> Bool {
        names == ["*"] || names.contains { header.body.containsBytes($0) }
    }

    /// KPI ids named by wins and expectations must exist.
    private static func checkReferences(_ portal: Portal, display: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for note in portal.notes(of: .win) + portal.notes(of: .expectation) {
            let kpi: String?
            switch note.details {
            case .win(let details): kpi = details.kpi
            case .expectation(let details): kpi = details.kpi
            default: kpi = nil
            }
            if let kpi, portal.note(NoteRef(kind: .kpi, id: kpi)) == nil {
                found.append(.warning(ContentScanner.join(display, note.path), 1, 1, "'kpi: \(kpi)' names no KPI of this build"))
            }
        }
        return found
    }
}
