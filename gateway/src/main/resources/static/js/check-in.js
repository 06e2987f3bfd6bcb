/* The check-in page's camera: reads a registrant's QR code (the check-in code alone, 22 base64url
   characters) with the browser's BarcodeDetector when it has one, else with jsQR 1.4.0
   (/vendor/jsqr-1.4.0), then puts the code in the form's field and submits it. Without a camera
   or without JavaScript, the field and its button work alone. Nothing is sent anywhere else. */
(function () {
  'use strict';
  var scanner = document.getElementById('scanner');
  var form = document.getElementById('check-in-form');
  var field = document.getElementById('check-in-code');
  if (!scanner || !form || !field || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var button = document.getElementById('start-scan');
  var video = document.getElementById('scan-video');
  var status = document.getElementById('scan-status');
  var canvas = document.createElement('canvas');
  var context = canvas.getContext('2d', { willReadFrequently: true });
  var detector = null;
  var stream = null;
  var CODE = /^[A-Za-z0-9_-]{10,100}$/;
  scanner.hidden = false;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
  }

  function found(text) {
    var code = (text || '').trim();
    if (!CODE.test(code)) {
      return false;
    }
    stop();
    field.value = code;
    form.submit();
    return true;
  }

  function withJsQR() {
    if (typeof window.jsQR !== 'function' || video.videoWidth === 0) {
      return false;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var result = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return result ? found(result.data) : false;
  }

  function tick() {
    if (!stream) {
      return;
    }
    if (detector && video.readyState >= 2) {
      detector.detect(video).then(function (codes) {
        if (!(codes.length && found(codes[0].rawValue))) {
          window.requestAnimationFrame(tick);
        }
      }, function () {
        detector = null;
        window.requestAnimationFrame(tick);
      });
      return;
    }
    if (!withJsQR()) {
      window.requestAnimationFrame(tick);
    }
  }

  button.addEventListener('click', function () {
    if (stream) {
      stop();
      return;
    }
    if ('BarcodeDetector' in window) {
      try {
        detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      } catch (e) {
        detector = null;
      }
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        status.textContent = '';
        return video.play();
      })
      .then(function () { window.requestAnimationFrame(tick); })
      .catch(function () {
        stop();
        status.textContent = button.getAttribute('data-no-camera') || '';
        field.focus();
      });
  });
})();
