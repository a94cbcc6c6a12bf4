import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';

/** What the report page did when opened in a browser. */
export interface OpenedReport {
  readonly consoleErrors: string[];
  readonly networkRequests: string[];
  readonly charts: string[];
  readonly chartErrors: string[];
  /** Chart container ids whose canvas has non-blank pixels. */
  readonly paintedCharts: string[];
  readonly text: string;
}

/** Opens a report file, waits for its charts, takes a full-page screenshot. */
export async function openReport(browser: BrowserContext, htmlPath: string, screenshotPath: string): Promise<OpenedReport> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const networkRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) networkRequests.push(request.url());
  });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __hyperoptReport?: unknown }).__hyperoptReport !== undefined, undefined, { timeout: 15_000 });
  // let echarts finish its first animation frame before reading pixels
  await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0, undefined, { timeout: 15_000 });
  const state = await page.evaluate(() => {
    const report = (window as unknown as { __hyperoptReport: { charts: string[]; errors: string[] } }).__hyperoptReport;
    const painted: string[] = [];
    for (const id of report.charts) {
      const canvas = document.querySelector(`#${id} canvas`) as HTMLCanvasElement | null;
      if (canvas === null) continue;
      const ctx = canvas.getContext('2d');
      if (ctx === null) continue;
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < pixels.length; i += 4 * 16) if ((pixels[i] as number) > 0) ink += 1;
      if (ink > 50) painted.push(id);
    }
    return { charts: report.charts, errors: report.errors, painted, text: document.body.innerText };
  });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await page.close();
  return { consoleErrors, networkRequests, charts: state.charts, chartErrors: state.errors, paintedCharts: state.painted, text: state.text };
}
