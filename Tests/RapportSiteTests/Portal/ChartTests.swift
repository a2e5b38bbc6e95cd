import RapportCore
import Testing

@testable import RapportSite

@Suite struct ChartTests {
    let portal: BuiltPortal
    let page: String

    init() throws {
        portal = try BuiltPortal(PortalFixture.files)
        try portal.build(asOf: PortalFixture.asOf)
        page = portal.file("kpis/first-contact-resolution.html")
    }

    func chart() throws -> String {
        try #require(page.element("<svg class=\"chart\"", "</svg>", containing: "chart-first-contact-resolution-title"))
    }

    @Test func chartIsAccessibleInlineSVG() throws {
        let svg = try chart()
        #expect(svg.hasPrefix(
            "<svg class=\"chart\" viewBox=\"0 0 640 280\" role=\"img\" aria-labelledby=\"chart-first-contact-resolution-title chart-first-contact-resolution-desc\">"))
        #expect(svg.contains("<title id=\"chart-first-contact-resolution-title\">First contact resolution: measurements over time</title>"))
        #expect(svg.contains(
            "<desc id=\"chart-first-contact-resolution-desc\">3 measurements from Jan 2026 to Mar 2026, higher is better. Target 85%, warning 80%. Latest, Mar 2026: 86.2%, on target. Figures as of 20 March 2026.</desc>"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("href"))
    }

    @Test func chartDrawsTheTargetLineWarningBandAndAsOfMarker() throws {
        let svg = try chart()
        // Values 80 to 86.2 take ticks 80, 82, 84, 86, 88 over y 240 (bottom) to 24 (top).
        #expect(svg.contains("<line class=\"target-line\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"6 4\" x1=\"56\" y1=\"105\" x2=\"624\" y2=\"105\"/>"))
        #expect(svg.contains("<rect class=\"band-warning\" fill=\"currentColor\" fill-opacity=\"0.12\" x=\"56\" y=\"105\" width=\"568\" height=\"135\"/>"))
        #expect(svg.contains(">Target 85%</text>"))
        #expect(svg.contains(">Warning 80%</text>"))
        #expect(svg.contains(">As of 20 Mar 2026</text>"))
        #expect(svg.count(of: "<circle class=\"point point-") == 3)
        #expect(svg.contains("<title>Mar 2026: 86.2%, on target</title>"))
    }

    @Test func periodsAfterTheAsOfDateAreDrawnHollow() throws {
        let page = portal.file("kpis/escalations.html")
        #expect(page.contains("<circle class=\"point point-green point-future\""))
        #expect(page.contains("<circle class=\"point point-red\""))
    }

    @Test func kpiPageHasThePeriodTableAndQuarterRollUps() throws {
        let periods = try #require(page.element("<section aria-labelledby=\"kpi-periods\">", "</section>", containing: "Periods"))
        #expect(periods.contains("<tr><th scope=\"row\">Feb 2026</th><td class=\"num\">84.1%</td><td><span class=\"status status-amber\">"))
        let quarters = try #require(page.element("<section aria-labelledby=\"kpi-quarters\">", "</section>", containing: "Quarter roll-ups"))
        #expect(quarters.contains("<tr><th scope=\"row\">2026-Q1</th><td class=\"num\">84.3%</td><td><span class=\"status status-amber\">"))
        #expect(quarters.contains("<td class=\"num\">33% <span class=\"muted\">of 3</span></td>"))
    }

    @Test func svgNumbersAreFixedAndShort() {
        #expect(SVGText.number(105.04) == "105")
        #expect(SVGText.number(-0.04) == "0")
        #expect(SVGText.number(12.25) == "12.3")
        #expect(SVGText.number(-3.46) == "-3.5")
        #expect(NiceTicks.ticks(low: 80, high: 86.2) == [80, 82, 84, 86, 88])
        #expect(NiceTicks.ticks(low: 0.1, high: 0.3) == [0.1, 0.15, 0.2, 0.25, 0.3])
        #expect(NiceTicks.ticks(low: 12, high: 12) == [10, 11, 12, 13, 14])
    }
}
