/* Shows an event's time in the visitor's own time zone, and sends that zone with the registration.
   Without JavaScript the page still shows the event's own time and zone. */
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll('input[data-browser-time-zone]').forEach(function (input) {
    input.value = zone;
  });
  var language = document.documentElement.lang || undefined;
  document.querySelectorAll('time[data-local]').forEach(function (time) {
    var box = time.closest('[data-local-box]');
    if (box && box.getAttribute('data-event-zone') === zone) {
      return; // the same zone as the event's: nothing to add
    }
    var start = new Date(time.getAttribute('datetime'));
    var end = time.getAttribute('data-end') ? new Date(time.getAttribute('data-end')) : null;
    if (isNaN(start.getTime())) {
      return;
    }
    var format = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' });
    var text = end && format.formatRange ? format.formatRange(start, end) : format.format(start);
    time.textContent = text + ' (' + zone + ')';
    if (box) {
      box.hidden = false;
    }
  });
})();
