import RapportCore

/// `sitemap.xml` (sitemaps.org 0.9): every page of the portal under the base URL, with
/// the day a note's page last changed when git knows it.
enum Sitemap {
    /// - Parameters:
    ///   - routes: the HTML pages of the build, relative to the site root.
    ///   - lastChanged: the last-changed day of pages that have one.
    static func render(routes: [String], lastChanged: [String: Day], baseURL: String) -> String {
        var out = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8
        // The base URL is escaped once; escaping is per character, so each route is escaped on its own.
        var base: [UInt8] = Array("  <url><loc>".utf8)
        XMLText.escape(baseURL, into: &base)
        out.reserveCapacity(routes.count * (base.count + 64))
        for route in routes.sorted() where route != Routes.notFound {
            out += base
            XMLText.escape(route, into: &out)
            out += "</loc>".utf8
            if let day = lastChanged[route] { out += "<lastmod>\(day)</lastmod>".utf8 }
            out += "</url>\n".utf8
        }
        out += "</urlset>\n".utf8
        return String(decoding: out, as: UTF8.self)
    }
}
