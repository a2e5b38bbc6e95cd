import Foundation
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
    /// The URL the portal is published at; overrides `base_url` in `portal.yaml`. Feeds,
    /// the calendar's links and the sitemap need it; pages never do (their links are relative).
    public var baseURL: String?
    /// Read when each note last changed from git (one `git log` for the content folder).
    public var gitInfo: Bool
    /// Which renderer turns templates into pages (the compiled one unless comparing).
    public var templateEngine: TemplateSet.Engine
    /// Whether the build leaves its model in memory for the process to drop at exit, as the
    /// command line does: freeing a large portal's objects one by one takes longer than
    /// writing its pages' last folder (about 70 ms at 10,000 notes). Off by default, so
    /// that a process making many builds gets its memory back.
    public var keepsModelUntilExit = false

    public init(
        content: String = "content", templates: String = "templates", output: String = "output", asOf: Day,
        includeInternal: Bool = false, includeDrafts: Bool = false, baseURL: String? = nil, gitInfo: Bool = true,
        templateEngine: TemplateSet.Engine = .compiled
    ) {
        self.templateEngine = templateEngine
        self.content = content
        self.templates = templates
        self.output = output
        self.asOf = asOf
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.gitInfo = gitInfo
    }

    /// A base URL as the portal uses it: `http://` or `https://`, ending in `/`. Nil when
    /// `text` is not such a URL.
    public static func normalizedBaseURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), trimmed.count > 8,
            !trimmed.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
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
    /// Where rendering time went, by layout (data files under "data"), most costly first.
    public let templates: [TemplateMetrics.Row]
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

    /// The model pages are made from, with the base URL and git history the options ask
    /// for, and the warnings they give. `build` and a build session both use it, so they
    /// write the same bytes.
    /// A build session passes the `history` and `tags` it kept.
    static func siteModel(
        portal: Portal, analysis: Analysis, options: BuildOptions, shared: SharedValues = SharedValues(), history: GitHistory? = nil,
        tags: TagGroups? = nil
    ) -> (SiteModel, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let history = history ?? (options.gitInfo ? GitInfo.read(contentRoot: options.content, displayRoot: options.content) : .empty)
        diagnostics += history.diagnostics
        let baseURL = options.baseURL ?? portal.config.baseURL
        if baseURL.isEmpty {
            diagnostics.append(
                .warning(
                    ContentScanner.join(options.content, "portal.yaml"), 1, 1,
                    "no base_url: feed.xml and sitemap.xml are not written, because they need absolute links "
                        + "(set base_url in portal.yaml or pass --base-url; the pages work without it)"))
        }
        let model = SiteModel(
            portal: portal, analysis: analysis, includeInternal: options.includeInternal,
            includeDrafts: options.includeDrafts, baseURL: baseURL, history: history, shared: shared, tags: tags)
        return (model, diagnostics)
    }

    /// Checks content and templates; writes nothing. Returns every diagnostic.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        let result = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions, route: Routes.note)
        var diagnostics = result.diagnostics
        // What `build` checks after loading, so that a clean check means a build that works.
        if let portal = result.portal {
            let analysis = Analysis(portal: portal, asOf: options.asOf)
            diagnostics += NarrativeCheck.diagnostics(portal: portal, analysis: analysis, displayRoot: options.content)
        }
        if case .failure(let failure) = TemplateSet.load(from: options.templates, engine: options.templateEngine) {
            diagnostics += failure.diagnostics
        }
        return Diagnostic.sorted(diagnostics)
    }

    /// Builds the portal into `options.output`. On any error the output folder is left
    /// exactly as it was and the errors are thrown.
    public static func build(_ options: BuildOptions, protecting: [String] = []) throws -> BuildReport {
        var timer = StageClock()
        // The theme is read and compiled while the content loads: neither needs the other.
        let theme = Background { TemplateSet.load(from: options.templates, engine: options.templateEngine) }
        let loaded = PortalLoader.load(
            contentRoot: options.content, displayRoot: options.content, options: options.loadOptions, route: Routes.note)
        timer.lap("load")
        let templates: TemplateSet
        switch theme.value {
        case .success(let set): templates = set
        case .failure(let failure): throw BuildFailure(loaded.diagnostics + failure.diagnostics)
        }
        guard let portal = loaded.portal else { throw BuildFailure(loaded.diagnostics) }
        // Most of the search index needs the notes alone: it is made on the other core while
        // this one analyses the portal and lists the pages, which take one core.
        let searchLines = Background { SearchIndex.noteLines(portal) }
        let analysis = Analysis(portal: portal, asOf: options.asOf)
        var diagnostics = loaded.diagnostics
        diagnostics += NarrativeCheck.diagnostics(portal: portal, analysis: analysis, displayRoot: options.content)
        if diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics) }
        timer.lap("analysis")

        let shared = SharedValues(expectingNotes: portal.notes.count, items: analysis.actions.count + analysis.decisions.count)
        let (model, siteDiagnostics) = siteModel(portal: portal, analysis: analysis, options: options, shared: shared)
        diagnostics += siteDiagnostics
        timer.lap("git history and site model")
        let jobs = SitePages.jobs(model: model, templates: templates, searchLines: searchLines)
        let collisions = RouteCheck.diagnostics(jobs, model: model, displayRoot: options.content)
        if !collisions.isEmpty { throw BuildFailure(diagnostics + collisions) }
        let publisher = Publisher(output: options.output)
        var written = 0
        var templateMetrics: [TemplateMetrics.Row] = []
        do {
            try publisher.checkTarget(protecting: [options.content, options.templates] + protecting)
            try publisher.begin()
            let metrics = TemplateMetrics()
            let failures = parallelMap(jobs) { job -> String? in
                do {
                    let clock = ContinuousClock()
                    let start = clock.now
                    let text = job.render()
                    let rendered = clock.now
                    switch text {
                    case .parts(let parts): try publisher.write(parts: parts, to: job.route)
                    case .bytes(let bytes): try publisher.write(bytes, to: job.route)
                    }
                    metrics.add(job.layout, render: rendered - start, write: clock.now - rendered, bytes: text.byteCount)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            templateMetrics = metrics.rows
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
        if options.keepsModelUntilExit { _ = Unmanaged.passRetained(model) }
        return BuildReport(
            diagnostics: Diagnostic.sorted(diagnostics), filesWritten: written, notes: portal.notes.count,
            timings: loaded.timings + timer.laps.dropFirst(), templates: templateMetrics)
    }
}
