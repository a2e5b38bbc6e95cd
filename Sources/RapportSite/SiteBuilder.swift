import RapportCore

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    /// The day "today" means for overdue actions, latest periods and the current quarter.
    public var asOf: Day
    public var includeInternal: Bool
    public var includeDrafts: Bool

    public init(
        content: String = "content", templates: String = "templates", output: String = "output", asOf: Day,
        includeInternal: Bool = false, includeDrafts: Bool = false
    ) {
        self.content = content
        self.templates = templates
        self.output = output
        self.asOf = asOf
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
    }

    var loadOptions: LoadOptions { LoadOptions(includeInternal: includeInternal, includeDrafts: includeDrafts) }
}

/// What a finished build did.
public struct BuildReport: Sendable {
    /// Warnings (a build with errors throws instead).
    public let diagnostics: [Diagnostic]
    /// Files written, pages and data alike.
    public let filesWritten: Int
    /// Notes the build includes.
    public let notes: Int
    /// Seconds per stage, in pipeline order.
    public let timings: [(stage: String, seconds: Double)]
}

/// The whole pipeline: load, analyse, render, publish.
public enum SiteBuilder {
    /// Loads and analyses content without writing anything.
    public static func analyse(_ options: BuildOptions) -> (Portal, Analysis, [Diagnostic])? {
        let result = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions, route: Routes.note)
        guard let portal = result.portal else { return nil }
        return (portal, Analysis(portal: portal, asOf: options.asOf), result.diagnostics)
    }

    /// Checks content and templates; writes nothing. Returns every diagnostic.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        let result = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions, route: Routes.note)
        var diagnostics = result.diagnostics
        if case .failure(let failure) = TemplateSet.load(from: options.templates) {
            diagnostics += failure.diagnostics
        }
        return Diagnostic.sorted(diagnostics)
    }

    /// Builds the portal into `options.output`. On any error the output folder is left
    /// exactly as it was and the errors are thrown.
    public static func build(_ options: BuildOptions, protecting: [String] = []) throws -> BuildReport {
        var timer = StageTimer()
        let loaded = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions, route: Routes.note)
        timer.lap("load (scan, front matter, Markdown)")
        let templates: TemplateSet
        switch TemplateSet.load(from: options.templates) {
        case .success(let set): templates = set
        case .failure(let failure): throw BuildFailure(loaded.diagnostics + failure.diagnostics)
        }
        guard let portal = loaded.portal else { throw BuildFailure(loaded.diagnostics) }
        let analysis = Analysis(portal: portal, asOf: options.asOf)
        var diagnostics = loaded.diagnostics
        diagnostics += NarrativeCheck.diagnostics(portal: portal, analysis: analysis, displayRoot: options.content)
        if diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics) }
        timer.lap("analysis")

        let model = SiteModel(
            portal: portal, analysis: analysis, includeInternal: options.includeInternal, includeDrafts: options.includeDrafts)
        let publisher = Publisher(output: options.output)
        var written = 0
        do {
            try publisher.checkTarget(protecting: [options.content, options.templates] + protecting)
            try publisher.begin()
            let jobs = SitePages.jobs(model: model, templates: templates)
            let failures = parallelMap(jobs) { job -> String? in
                do {
                    try publisher.write(job.render().utf8, to: job.route)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw FileError(failure) }
            written += jobs.count
            timer.lap("render and write pages")
            for asset in templates.assets {
                guard let bytes = ContentScanner.read(templates.root + "/assets/" + asset) else {
                    throw FileError("cannot read \(templates.root)/assets/\(asset)")
                }
                try publisher.write(bytes, to: "assets/" + asset)
                written += 1
            }
            try publisher.commit()
            timer.lap("assets and publish")
        } catch let error as FileError {
            publisher.abandon()
            throw BuildFailure(diagnostics + [.error(options.output, 1, 1, error.description)])
        } catch {
            publisher.abandon()
            throw BuildFailure(diagnostics + [.error(options.output, 1, 1, "\(error)")])
        }
        return BuildReport(
            diagnostics: Diagnostic.sorted(diagnostics), filesWritten: written, notes: portal.notes.count,
            timings: timer.laps)
    }
}

/// Measures how long each stage took, for `--timings`. Uses the monotonic clock, which
/// never reaches the output.
struct StageTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [(stage: String, seconds: Double)] = []

    init() { last = clock.now }

    mutating func lap(_ stage: String) {
        let now = clock.now
        let elapsed = now - last
        laps.append((stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}
