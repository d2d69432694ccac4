// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  var form = document.getElementById('confirm-form');
  var button = document.getElementById('confirm-button');
  if (form && button) {
    var boxes = form.querySelectorAll('input[name="approved"]');
    var total = boxes.length;
    var update = function () {
      var ticked = 0;
      boxes.forEach(function (box) {
        ticked += box.checked ? 1 : 0;
        box.closest('.doc').classList.toggle('unticked', !box.checked);
      });
      button.textContent = ticked === total ? button.dataset.all
        : ticked === 0 ? button.dataset.none
        : button.dataset.some.replace('{0}', ticked).replace('{1}', total);
    };
    boxes.forEach(function (box) { box.addEventListener('change', update); });
    update();
  }
  // keep only digits in the code field, as a phone keypad would
  var otp = document.getElementById('otp');
  if (otp) {
    otp.addEventListener('input', function () {
      var digits = otp.value.replace(/\D/g, '').slice(0, 6);
      if (digits !== otp.value) { otp.value = digits; }
    });
  }
}());
