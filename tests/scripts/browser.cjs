// browser.cjs -- the HTML cfgen writes, in a real browser (headless
// Chromium driven by puppeteer-core; see browser.sh).
//
// usage: node browser.cjs TOOLS_DIR CHROMIUM EXPECT.json PAGE.html...
//
// For every page, at a 390 px phone and 1024 and 1280 px desktop windows:
// no element makes the page wider than its window (from 1024 px no table
// is wider than its place either), a declaration's QR code
// covers no text, and axe-core finds no
// serious or critical accessibility violation.  For every guide section
// page named in EXPECT.json: each class of the class filter shows exactly
// the requirements EXPECT.json says a claim of that class must answer,
// and ticking a condition of the condition filter hides exactly the
// requirements it rules out.  Prints one line per failure and a count;
// exits 1 when anything failed.
'use strict';
const path = require('path');
const fs = require('fs');

const [tools, chromium, expectFile, ...pages] = process.argv.slice(2);
const puppeteer = require(path.join(tools, 'node_modules', 'puppeteer-core'));
const axeSource = fs.readFileSync(path.join(tools, 'node_modules', 'axe-core',
    'axe.min.js'), 'utf8');
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));

let failed = 0, passed = 0;
function fail(msg) { console.log('FAIL: ' + msg); failed++; }
function check(ok, msg) { if (ok) passed++; else fail(msg); }

// Ids of the requirement articles a reader sees.
async function visible(page) {
	return page.$$eval('article.req', (as) => as
	    .filter((a) => getComputedStyle(a).display !== 'none')
	    .map((a) => a.getAttribute('data-req')));
}

function same(a, b) {
	const x = [...a].sort(), y = [...b].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

async function filters(page, name, want) {
	const all = await visible(page);
	check(same(all, want.all), `${name}: with no filter, shows ` +
	    `[${all}], want every requirement [${want.all}]`);
	for (const [cls, ids] of Object.entries(want.classes)) {
		await page.$eval(`#show-${cls}`, (e) => e.click());
		const got = await visible(page);
		check(same(got, ids), `${name}: class ${cls} shows [${got}], ` +
		    `want [${ids}]`);
	}
	await page.$eval('#show-all', (e) => e.click());
	for (const [idx, hidden] of Object.entries(want.conditions || {})) {
		await page.$eval(`#no-${idx}`, (e) => e.click());
		const got = await visible(page);
		const wantShown = want.all.filter((id) => !hidden.includes(id));
		check(same(got, wantShown), `${name}: condition ${idx} false ` +
		    `shows [${got}], want [${wantShown}]`);
		await page.$eval(`#no-${idx}`, (e) => e.click());
	}
}

(async () => {
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		// root in a container has no user namespace for the sandbox
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
	});
	try {
		const page = await browser.newPage();
		for (const file of pages) {
			const url = 'file://' + path.resolve(file);
			const name = path.relative(process.cwd(), file);
			for (const width of [390, 1024, 1280]) {
				await page.setViewport({ width, height: 900 });
				await page.goto(url, { waitUntil: 'load' });
				const w = await page.evaluate(() => ({
					doc: document.documentElement.scrollWidth,
					body: document.body.scrollWidth,
					win: window.innerWidth,
				}));
				check(w.doc <= w.win && w.body <= w.win,
				    `${name}: ${w.doc} px wide in a ${w.win} px window`);
				// From 1024 px every column of every table is in
				// sight: a table wider than its scrolling wrapper
				// hid a German checklist's last column at 1200 px.
				if (width >= 1024) {
					const wide = await page.evaluate(() =>
					    [...document.querySelectorAll('table')]
					    .filter((t) => t.parentElement.closest('table') === null)
					    .filter((t) => t.getBoundingClientRect().width >
					    t.parentElement.clientWidth + 0.5)
					    .map((t) => (t.caption ? t.caption.textContent :
					    t.className) + ' ' + Math.round(t.getBoundingClientRect()
					    .width) + ' px in ' + t.parentElement.clientWidth));
					check(wide.length === 0, `${name}: at ${width} px ` +
					    `tables wider than their place: ${wide.slice(0, 3)}`);
				}
				// A declaration's QR code covers no text (it once
				// floated up over the signatory's table).
				const hit = await page.evaluate(() => {
					const q = document.querySelector('figure.qr');
					if (q === null)
						return null;
					const r = q.getBoundingClientRect();
					const e = [...document.querySelectorAll(
					    'h1, h2, h3, p, table, .sign-line')]
					    .find((x) => !q.contains(x) && !x.contains(q) &&
					    ((s) => r.left < s.right && s.left < r.right &&
					    r.top < s.bottom && s.top < r.bottom)(
					    x.getBoundingClientRect()));
					return e === undefined ? null :
					    e.tagName + ' ' + e.textContent.slice(0, 40);
				});
				check(hit === null, `${name}: at ${width} px the QR ` +
				    `code covers ${hit}`);
			}
			await page.addScriptTag({ content: axeSource });
			const res = await page.evaluate(async () =>
			    // eslint-disable-next-line no-undef
			    axe.run(document, { resultTypes: ['violations'] }));
			for (const v of res.violations) {
				if (v.impact !== 'serious' && v.impact !== 'critical')
					continue;
				fail(`${name}: axe ${v.impact} ${v.id}: ${v.help} ` +
				    `(${v.nodes.length}: ` + v.nodes.slice(0, 2)
				    .map((n) => n.failureSummary.replace(/\s+/g, ' ') +
				    ' at ' + n.target.join(' ')).join('; ') + ')');
			}
			passed++;
			const want = expect[path.basename(file)];
			if (want !== undefined) {
				await page.setViewport({ width: 1280, height: 900 });
				await page.goto(url, { waitUntil: 'load' });
				await filters(page, name, want);
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
})().catch((e) => { console.log('FAIL: ' + e.stack); process.exit(1); });
