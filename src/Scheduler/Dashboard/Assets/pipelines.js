/* The pipeline pages' little script (src/Scheduler/Dashboard): no framework, in Hangfire's bundle. */
(function () {
    'use strict';
})();
