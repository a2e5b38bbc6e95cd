import Foundation
import RapportCore
import Testing

@testable import RapportSite

#if canImport(Glibc)
    import Glibc
#endif

/// A content folder in a fresh temporary directory, with the repository's templates.
struct ServeFixture {
    let root: URL
    var content: String { root.appendingPathComponent("content").path }
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../templates").standardizedFileURL.path

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-serve-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent("content").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func session() -> BuildSession {
        BuildSession(options: BuildOptions(content: content, templates: ServeFixture.templates, output: "", asOf: Day("2026-05-01")!))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static let basic: [String: String] = [
        "portal.yaml": "title: Test portal\nclient: { name: Client Co, short: Client }\nprovider: { name: Provider Co, short: Provider }\npeople:\n  ana: { name: Ana Ruiz, team: client, role: Owner }\n",
        "meetings/2026-04-07-check-in.md": "---\ntitle: First check-in\ndate: 2026-04-07\nkind: check-in\n---\n\nWe met.\n\n- [ ] @ana Send the file (due 2026-04-10)\n",
        "wins/2026-04-08-record.md": "---\ntitle: Record week\ndate: 2026-04-08\nteam: both\n---\n\nWell done.\n",
    ]
}

/// Sends one raw HTTP/1.1 request (the path exactly as given, no client-side clean-up) and
/// returns the status code and body.
func rawGET(_ path: String, port: UInt16) throws -> (status: Int, body: String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        response += buffer[0..<count]
    }
    let text = String(decoding: response, as: UTF8.self)
    let statusLine = text.prefix(while: { $0 != "\r" })
    let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
    let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    return (status, body)
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func servesPagesAndInjectsTheReloadScriptOnlyInServeMode() async throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)
        let server = try PreviewServer(session: session, host: "127.0.0.1", port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }

        let home = try rawGET("/", port: port)
        #expect(home.status == 200)
        #expect(home.body.contains("Test portal"))
        #expect(home.body.contains("/__rapport/live"))
        let stored = String(decoding: session.file("index.html") ?? [], as: UTF8.self)
        #expect(!stored.contains("/__rapport/live"))

        let meeting = try rawGET("/meetings/2026-04-07-check-in.html", port: port)
        #expect(meeting.status == 200)
        #expect(meeting.body.contains("<h1>First check-in"))
        #expect(try rawGET("/meetings/", port: port).body.contains("First check-in"))
        let missing = try rawGET("/nope.html", port: port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
    }

    @Test(arguments: [
        "/../Package.swift", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd", "/etc/passwd", "/assets/../../README.md", "/meetings/..%5c..%5cPackage.swift",
    ])
    func neverServesAnythingOutsideTheSite(path: String) async throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        _ = session.rebuild()
        let server = try PreviewServer(session: session, host: "127.0.0.1", port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let response = try rawGET(path, port: port)
        #expect(response.status == 404 || response.status == 400)
        #expect(!response.body.contains("root:"))
        #expect(!response.body.contains("PackageDescription"))
    }

    @Test func aBadEditKeepsTheLastGoodSiteAndFixingItClearsTheErrors() async throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)
        let server = try PreviewServer(session: session, host: "127.0.0.1", port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }

        try fixture.write("wins/2026-04-08-record.md", "---\ntitle: Record week\ndate: [2026-04-08\n---\nBroken.\n")
        let failed = session.rebuild()
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.map(\.description).contains { $0.hasPrefix(fixture.content + "/wins/2026-04-08-record.md:") })
        let page = try rawGET("/wins/2026-04-08-record.html", port: port)
        #expect(page.status == 200)
        #expect(page.body.contains("Well done."))
        let status = try rawGET("/__rapport/status", port: port)
        #expect(status.body.contains("wins/2026-04-08-record.md:"))

        try fixture.write("wins/2026-04-08-record.md", "---\ntitle: Record week, fixed\ndate: 2026-04-08\n---\n\nBetter than ever.\n")
        let fixed = session.rebuild()
        #expect(fixed.succeeded)
        #expect(try rawGET("/wins/2026-04-08-record.html", port: port).body.contains("Better than ever."))
        #expect(try rawGET("/__rapport/status", port: port).body.contains("\"errors\": []"))
    }

    @Test func aPortInUseIsAClearError() async throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        _ = session.rebuild()
        let first = try PreviewServer(session: session, host: "127.0.0.1", port: 0)
        let port = try await first.start()
        defer { Task { await first.stop() } }
        let second = try PreviewServer(session: session, host: "127.0.0.1", port: port)
        await #expect(throws: PreviewServerError.self) { _ = try await second.start() }
    }
}
