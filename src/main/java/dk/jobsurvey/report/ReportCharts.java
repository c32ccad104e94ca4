package dk.jobsurvey.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Bar charts with 95 % confidence intervals as inline SVG: JFreeChart draws, JFreeSVG writes SVG
 * text, so an HTML report holds its charts and needs nothing from the network.
 */
final class ReportCharts {
  static final Color MUNICIPALITY = new Color(0x1f5f8b);
  static final Color NATION = new Color(0xb7c9d6);
  /** The national bars' outline: 3.5:1 on white, where their fill has 1.7:1 (WCAG 2.1 SC 1.4.11, non-text contrast). */
  static final Color NATION_OUTLINE = new Color(0x6f8ea3);

  /** A value with its 95 % interval half-width; null when there is none to show (suppressed, no answers). */
  record Bar(double value, double halfWidth) {}

  private ReportCharts() {}

  /**
   * Horizontal bars per category, one per series (e.g. the municipality and the nation), with the CI
   * as error bars. {@code series} maps a series name to one bar (or null) per category.
   */
  static String bars(String valueLabel, double upper, List<String> categories, Map<String, List<Bar>> series) {
    System.setProperty("java.awt.headless", "true");
    DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
    series.forEach((name, bars) -> {
      for (int c = 0; c < categories.size(); c++) {
        Bar bar = bars.get(c);
        dataset.add(bar == null ? null : bar.value(), bar == null ? null : bar.halfWidth(), name, categories.get(c));
      }
    });
    CategoryAxis categoryAxis = new CategoryAxis();
    categoryAxis.setMaximumCategoryLabelWidthRatio(0.45f);
    categoryAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    NumberAxis valueAxis = new NumberAxis(valueLabel);
    valueAxis.setRange(0, upper);
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
    renderer.setErrorIndicatorStroke(new BasicStroke(1f));
    renderer.setDrawBarOutline(true);
    renderer.setDefaultOutlineStroke(new BasicStroke(1f));
    renderer.setShadowVisible(false);
    renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    Color[] colors = {MUNICIPALITY, NATION};
    for (int s = 0; s < series.size(); s++) {
      renderer.setSeriesPaint(s, colors[s % colors.length]);
      renderer.setSeriesOutlinePaint(s, s % colors.length == 0 ? MUNICIPALITY : NATION_OUTLINE);
    }
    CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return svg(plot, 70 + categories.size() * 22 * Math.max(1, series.size()));
  }

  /**
   * A caterpillar chart: one point per category (municipalities, sorted by the caller) with its 95 %
   * interval, and the overall figure (unless NaN) as a vertical line, so the spread and the outliers
   * show at once.
   */
  static String caterpillar(String valueLabel, double upper, List<String> categories, String seriesName, List<Bar> points,
      double overall, String overallLabel) {
    System.setProperty("java.awt.headless", "true");
    DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
    for (int c = 0; c < categories.size(); c++) {
      dataset.add(points.get(c).value(), points.get(c).halfWidth(), seriesName, categories.get(c));
    }
    CategoryAxis categoryAxis = new CategoryAxis();
    categoryAxis.setMaximumCategoryLabelWidthRatio(0.35f);
    categoryAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    categoryAxis.setCategoryMargin(0);
    NumberAxis valueAxis = new NumberAxis(valueLabel);
    valueAxis.setRange(0, upper);
    StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, MUNICIPALITY);
    renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
    renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
    renderer.setErrorIndicatorStroke(new BasicStroke(1f));
    CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    if (Double.isFinite(overall)) {
      ValueMarker line = new ValueMarker(overall, new Color(0xb35900), new BasicStroke(1.5f));
      line.setLabel(overallLabel);
      line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      line.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(line);
    }
    return svg(plot, 90 + categories.size() * 16);
  }

  private static String svg(CategoryPlot plot, int height) {
    JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.TOP);
    int width = 760;
    SVGGraphics2D svg = new SVGGraphics2D(width, height);
    chart.draw(svg, new Rectangle(0, 0, width, height));
    // A viewBox lets the page scale the chart to its column (and to A4 in print) instead of cropping it.
    return svg.getSVGElement(null, true, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
  }
}
