import ArgumentParser
import Dispatch
import Foundation
import RapportCore
import RapportSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the portal on a local port, and rebuild and reload pages on every change.")

    @OptionGroup var source: ContentOptions

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on. Default: 127.0.0.1 (this machine only).")
    var host = "127.0.0.1"

    @Flag(help: "Include internal notes.")
    var `internal` = false

    @Flag(help: "Include draft notes.")
    var drafts = false

    @Flag(help: "Print how long each stage of a rebuild took.")
    var timings = false

    func run() async throws {
        let options = BuildOptions(
            content: source.content, templates: source.templates, output: "", asOf: try source.resolveAsOf(),
            includeInternal: `internal`, includeDrafts: drafts)
        let session = BuildSession(options: options)
        var shown: Set<Diagnostic> = []
        let first = session.rebuild()
        report(first, shown: &shown)
        guard first.succeeded else {
            var stream = StandardError()
            print("Fix the errors above and run rapport serve again.", to: &stream)
            throw ExitCode.failure
        }
        let server: PreviewServer
        let bound: UInt16
        do {
            server = try PreviewServer(session: session, host: host, port: port)
            bound = try await server.start()
        } catch {
            var stream = StandardError()
            print("error: \(error)", to: &stream)
            throw ExitCode.failure
        }
        print("Serving \(first.pagesTotal) files at http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/ (in memory; press Ctrl-C to stop)")
        print("Watching \(options.content)/ and \(options.templates)/ for changes.")
        fflush(nil)

        let rebuilds = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let watcher = FileWatcher(roots: [options.content, options.templates]) { rebuilds.continuation.yield() }
        watcher.start()

        let interrupts = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { interrupts.continuation.yield() }
            source.resume()
            return source
        }
        let loop = Task {
            var shown = shown
            for await _ in rebuilds.stream {
                let outcome = session.rebuild()
                report(outcome, shown: &shown)
                await server.publish()
            }
        }
        for await _ in interrupts.stream { break }
        print("\nStopping.")
        watcher.stop()
        loop.cancel()
        sources.forEach { $0.cancel() }
        await server.stop()
    }

    /// Prints a rebuild's result. Diagnostics already shown by the previous rebuild are
    /// not repeated, so an edit shows what it caused.
    private func report(_ outcome: BuildSession.Outcome, shown: inout Set<Diagnostic>) {
        let fresh = outcome.diagnostics.filter { !shown.contains($0) }
        printDiagnostics(fresh)
        shown = Set(outcome.diagnostics)
        let time = String(format: "%.1f ms", outcome.seconds * 1000)
        if outcome.succeeded {
            print("Rebuilt in \(time): \(outcome.pagesRendered) of \(outcome.pagesTotal) files updated (\(summary(outcome.diagnostics))).")
        } else {
            var stream = StandardError()
            print("Rebuild failed in \(time) (\(summary(outcome.diagnostics))); still serving the last good build.", to: &stream)
        }
        if timings {
            print(outcome.timings.map { "\($0.stage) \(String(format: "%.1f", $0.seconds * 1000)) ms" }.joined(separator: ", "))
            if outcome.succeeded {
                let slowest = outcome.slowest.map { "\($0.route) \(String(format: "%.1f", $0.seconds * 1000)) ms" }
                print("CPU \(String(format: "%.1f", outcome.cpuSeconds * 1000)) ms; slowest files: " + slowest.joined(separator: ", "))
            }
        }
        // Shown as it happens, also when the output goes through a pipe.
        fflush(nil)
    }
}
