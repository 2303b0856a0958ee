/* Progressive enhancement of the mock's pages: caisse dialog, help toggles, code strength. */
(function () {
  "use strict";

  function ouvrirDialogueCaisse() {
    var dialogue = document.getElementById("dialogue-caisse");
    if (!dialogue || !dialogue.hasAttribute("data-ouvert") || typeof dialogue.showModal !== "function") {
      return;
    }
    dialogue.close();
    dialogue.showModal();
    var champ = document.getElementById("code_postal");
    var focusables = dialogue.querySelectorAll("button, [href], input:not([type=hidden])");
    var premier = focusables[0];
    var dernier = focusables[focusables.length - 1];
    premier.focus();
    // Keep Tab and Shift+Tab inside the dialog while it is open.
    dialogue.addEventListener("keydown", function (evenement) {
      if (evenement.key !== "Tab") { return; }
      if (evenement.shiftKey && document.activeElement === premier) {
        evenement.preventDefault();
        dernier.focus();
      } else if (!evenement.shiftKey && document.activeElement === dernier) {
        evenement.preventDefault();
        premier.focus();
      }
    });
    dialogue.addEventListener("close", function () {
      if (champ) { champ.focus(); }
    });
    var pasMaCaisse = dialogue.querySelector("[data-pas-ma-caisse]");
    if (pasMaCaisse && champ) {
      pasMaCaisse.addEventListener("click", function (evenement) {
        evenement.preventDefault();
        champ.value = "";
        dialogue.close();
      });
    }
  }

  // The "?" buttons are rendered hidden and shown only once they work: a click that came
  // before this script ran would otherwise be lost.
  function activerAides() {
    document.querySelectorAll("[data-aide]").forEach(function (bouton) {
      bouton.addEventListener("click", function () {
        var cible = document.getElementById(bouton.getAttribute("aria-controls"));
        var ouvert = bouton.getAttribute("aria-expanded") === "true";
        bouton.setAttribute("aria-expanded", ouvert ? "false" : "true");
        if (cible) { cible.hidden = ouvert; }
      });
      bouton.hidden = false;
    });
  }

  // The indicator follows the field, including what was typed before this script ran.
  function activerForceCode() {
    var indicateur = document.querySelector("[data-force-code]");
    var champ = document.getElementById("code");
    if (!indicateur || !champ) { return; }
    function afficherForce() {
      var longueur = champ.value.length;
      var niveau = "";
      var texte = "";
      if (longueur > 0 && longueur < 8) {
        niveau = "faible"; texte = "Code trop court : 8 chiffres au minimum.";
      } else if (longueur >= 8 && longueur < 12) {
        niveau = "moyen"; texte = "Code acceptable : 12 chiffres ou plus le rendraient fort.";
      } else if (longueur >= 12) {
        niveau = "fort"; texte = "Code fort.";
      }
      indicateur.textContent = texte;
      indicateur.setAttribute("data-niveau", niveau);
    }
    champ.addEventListener("input", afficherForce);
    afficherForce();
  }

  function focaliserResumeErreurs() {
    var resume = document.getElementById("resume-erreurs");
    if (resume) { resume.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    ouvrirDialogueCaisse();
    activerAides();
    activerForceCode();
    focaliserResumeErreurs();
  });
})();
