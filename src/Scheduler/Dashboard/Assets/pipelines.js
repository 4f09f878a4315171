/* The pipeline pages' little script (src/Scheduler/Dashboard), in Hangfire's bundle: no framework.
   1. Live pages: while a run is under way (data-live="true"), fetch the page again every second and swap
      each [data-refresh] part for its fresh copy: no reload, the scroll position and the form fields stay.
   2. The partition calendar: drag, or click then shift-click, to choose a range of days; the range goes into
      the Backfill form's From and To. Keyboard: arrows move, space selects (shift extends), enter opens the run. */
(function () {
    'use strict';
    var REFRESH_MS = 1000;
    /* A part the user is moving through by keyboard is left alone for 2 s after each key, so the element they are on is
       not re-created between their keys (swap() focuses its fresh copy, but what is drawn on the old one blinks). It is
       swapped a moment later. (Not a fix for Enter: Enter on a cell always navigated; the test that said otherwise
       missed the navigation, see BrowserHost.PressAndFollowAsync in the tests.) */
    var KEYBOARD_QUIET_MS = 2000, lastKey = 0;
    document.addEventListener('keydown', function () { lastKey = Date.now(); }, true);

    function refresh() {
        var live = document.querySelector('.js-live[data-live="true"]');
        if (!live) return;
        fetch(live.getAttribute('data-refresh-url'), { cache: 'no-store', credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
            .then(function (html) {
                var next = new DOMParser().parseFromString(html, 'text/html');
                document.querySelectorAll('[data-refresh]').forEach(function (part) {
                    var fresh = next.querySelector('[data-refresh="' + part.getAttribute('data-refresh') + '"]');
                    var typing = part.contains(document.activeElement) && Date.now() - lastKey < KEYBOARD_QUIET_MS;
                    if (fresh && !typing && fresh.innerHTML !== part.innerHTML) swap(part, fresh);
                });
                var nextLive = next.querySelector('.js-live');
                if (nextLive) live.setAttribute('data-live', nextLive.getAttribute('data-live'));
                highlight();
            })
            .catch(function () { /* the next tick tries again */ })
            .then(function () { setTimeout(refresh, REFRESH_MS); });
    }

    /* Swaps a part's content; whoever had focus inside it (a grid cell, a day) keeps it on the fresh copy. */
    function swap(part, fresh) {
        var active = document.activeElement;
        var key = active && active !== document.body && part.contains(active) ? focusKey(active) : null;
        part.innerHTML = fresh.innerHTML;
        var again = key && part.querySelector(key);
        if (again) { again.tabIndex = 0; again.focus({ preventScroll: true }); }
    }

    function focusKey(el) {
        var key = ['data-day', 'data-run', 'data-task'].filter(function (a) { return el.hasAttribute(a); })
            .map(function (a) { return '[' + a + '="' + CSS.escape(el.getAttribute(a)) + '"]'; }).join('');
        return key ? el.tagName.toLowerCase() + key : null;
    }

    /* The calendar */
    var anchor = null, dragging = false;

    function days() { return Array.prototype.slice.call(document.querySelectorAll('#partition-calendar .cal-day')); }
    function field(name) { return document.querySelector('.js-backfill-' + name); }
    function dayOf(el) { return el && el.closest && el.closest('#partition-calendar .cal-day'); }

    function select(a, b) {
        var from = a < b ? a : b, to = a < b ? b : a;
        if (field('from')) field('from').value = from;
        if (field('to')) field('to').value = to;
        highlight();
    }

    function highlight() {
        var cells = days();
        if (!cells.length) return;
        var from = field('from') && field('from').value, to = field('to') && field('to').value;
        var counts = {}, chosen = 0;
        cells.forEach(function (c) {
            var d = c.getAttribute('data-day'), on = !!from && !!to && d >= from && d <= to;
            c.classList.toggle('selected', on);
            if (on) { chosen++; counts[c.getAttribute('data-state')] = (counts[c.getAttribute('data-state')] || 0) + 1; }
        });
        var summary = document.getElementById('calendar-selection');
        if (summary) {
            summary.textContent = chosen === 0 ? '' : chosen + ' day' + (chosen === 1 ? '' : 's') + ' selected, ' + from + ' to ' + to +
                ': ' + (counts.Failed || 0) + ' failed, ' + (counts.NeverRun || 0) + ' never run';
        }
        if (!cells.some(function (c) { return c.tabIndex === 0; })) {
            var start = cells.filter(function (c) { return c.classList.contains('selected'); })[0] || cells[cells.length - 1];
            start.tabIndex = 0;
        }
    }

    function focusDay(cell) {
        days().forEach(function (c) { c.tabIndex = -1; });
        cell.tabIndex = 0;
        cell.focus();
    }

    function move(cell, by) {
        var cells = days(), i = cells.indexOf(cell) + by;
        if (i >= 0 && i < cells.length) focusDay(cells[i]);
    }

    document.addEventListener('mousedown', function (e) {
        var cell = dayOf(e.target);
        if (!cell || e.button !== 0 || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        var day = cell.getAttribute('data-day');
        if (!(e.shiftKey && anchor)) anchor = day;
        select(anchor, day);
        dragging = true;
        focusDay(cell);
    });
    document.addEventListener('mouseover', function (e) {
        var cell = dayOf(e.target);
        if (dragging && cell) select(anchor, cell.getAttribute('data-day'));
    });
    document.addEventListener('mouseup', function () { dragging = false; });
    document.addEventListener('click', function (e) {
        // A mouse click selects; enter (a click with no detail) and ctrl-click open the day's run.
        if (dayOf(e.target) && e.detail !== 0 && !e.ctrlKey && !e.metaKey) e.preventDefault();
    });
    document.addEventListener('keydown', function (e) {
        var cell = dayOf(e.target);
        if (!cell) return;
        var steps = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };
        if (steps[e.key]) { e.preventDefault(); move(cell, steps[e.key]); return; }
        if (e.key === ' ' || (e.key === 'Enter' && !cell.hasAttribute('href'))) {
            e.preventDefault();
            var day = cell.getAttribute('data-day');
            if (!(e.shiftKey && anchor)) anchor = day;
            select(anchor, day);
        }
    });
    document.addEventListener('input', function (e) {
        if (e.target.matches && e.target.matches('.js-backfill-from, .js-backfill-to')) highlight();
    });

    function start() {
        highlight();
        setTimeout(refresh, REFRESH_MS);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
