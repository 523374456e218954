// The fleet dashboard in a real browser (Debian's chromium, driven by
// puppeteer-core), for tests/fleet/dashboard.sh:
//   node check.js URL SHOT.png OFFLINE_STATION COUNT SITE ID ROUTINE.json
// Prints "ok NAME" / "not ok NAME" per check and "# ..." notes:
// the station table shows COUNT live stations, OFFLINE_STATION's row is red,
// the alert list names it, and the upload form publishes ROUTINE.json as ID
// (the shell checks that a station then has it).
'use strict';
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [url, shot, offline, count, site, id, routineFile] = process.argv.slice(2);
let failed = false;
const check = (name, ok) => {
    console.log((ok ? 'ok ' : 'not ok ') + name);
    if (!ok) failed = true;
};

async function until(page, fn, arg, ms) {
    try {
        await page.waitForFunction(fn, { timeout: ms, polling: 200 }, arg);
        return true;
    } catch (e) {
        return false;
    }
}

(async () => {
    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 1100 });
        await page.goto(url, { waitUntil: 'networkidle2', timeout: 60000 });
        const rowsOk = await until(page, (n) =>
            document.querySelectorAll('table.unknot-stations tbody tr').length >= n, Number(count), 30000);
        const rows = await page.$$eval('table.unknot-stations tbody tr', (trs) => trs.map((tr) => ({
            station: tr.dataset.station,
            cls: tr.className,
            cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
            bg: getComputedStyle(tr.querySelector('td')).backgroundColor,
        })));
        console.log('# ' + rows.length + ' rows; ' + rows.filter((r) => r.cells[2] === 'online').length + ' online');
        check('the station table shows ' + count + ' stations', rowsOk && rows.length === Number(count));
        const redOk = await until(page, (st) => {
            const tr = document.querySelector('tr[data-station="' + st + '"]');
            return tr && tr.classList.contains('offline');
        }, offline, 30000);
        const off = await page.$eval('tr[data-station="' + offline + '"]', (tr) => ({
            cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
            bg: getComputedStyle(tr.querySelector('td')).backgroundColor,
        })).catch(() => null);
        console.log('# ' + offline + ': ' + JSON.stringify(off));
        check('the killed station ' + offline + ' is shown offline, in red',
              redOk && off && off.cells[2] === 'offline' && off.bg === 'rgb(211, 47, 47)');
        const live = await page.$$eval('table.unknot-stations tbody tr', (trs) =>
            trs.filter((tr) => tr.querySelectorAll('td')[2].textContent.trim() === 'online').length);
        check('the other ' + (Number(count) - 1) + ' stations are live (online, not red)',
              live === Number(count) - 1);
        const alertOk = await until(page, (st) =>
            [...document.querySelectorAll('.unknot-alerts li.offline')].some((li) =>
                li.textContent.includes(st.replace('/', ' / ') + ' is offline')), offline, 20000);
        check('the alert list on the dashboard names the offline station', alertOk);
        await page.screenshot({ path: shot, fullPage: true });

        // The upload form: site, routine id, routine JSON, Publish.
        const body = fs.readFileSync(routineFile, 'utf8');
        const form = await page.$('.nrdb-ui-form form, form');
        const inputs = form ? await form.$$('input[type="text"], input:not([type]), textarea') : [];
        console.log('# form fields: ' + inputs.length);
        if (inputs.length >= 3) {
            await inputs[0].type(site);
            await inputs[1].type(id);
            // a long text: set it at once, as a paste would
            await inputs[2].evaluate((el, v) => {
                el.value = v;
                el.dispatchEvent(new Event('input', { bubbles: true }));
            }, body);
            const buttons = await form.$$('button');
            let submit = null;
            for (const b of buttons) {
                const t = (await b.evaluate((el) => el.textContent)).trim();
                if (/publish/i.test(t)) submit = b;
            }
            if (submit) await submit.click();
            check('the upload form takes a routine and submits it', Boolean(submit));
        } else {
            check('the upload form takes a routine and submits it', false);
        }
        await new Promise((r) => setTimeout(r, 1000));
        await page.screenshot({ path: shot.replace(/\.png$/, '-upload.png'), fullPage: true });
    } finally {
        await browser.close();
    }
    process.exit(failed ? 1 : 0);
})().catch((e) => {
    console.log('not ok the browser check ran: ' + e.message);
    process.exit(1);
});
