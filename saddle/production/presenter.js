/* The presenter layer of slides.html (saddle/production/presenter.py puts it after manim-slides' reveal.js setup).
 *
 * Keys as a lecturer and a clicker expect: Space, Page Down, →, ↓, N go to the next slide (manim-slides binds
 * Space to play/pause; here a click on the picture pauses and resumes); Home and End go to the first and last
 * slide of the whole deck (reveal.js would go to the first and last vertical stack, at the step last seen there);
 * B and . blank the screen and pause the clip; F5 is full screen (a clicker's "start show" key), not a reload.
 *
 * Sound that cannot be lost: when the browser refuses to start a narrated clip with sound (the autoplay policy,
 * e.g. after a reload on a deep link), reveal.js plays it muted and adds a small "Unmute video" button; this
 * replaces it with a clear prompt in the lecture's language, and the first click or key starts the clip again
 * from its beginning, with sound, without moving on.
 *
 * The help overlay (?) lists exactly these keys, in the lecture's language. */
(() => {
  "use strict";
  const deck = JSON.parse(document.getElementById("saddle-deck").textContent);
  const words = deck.words;

  const currentVideo = () => {
    const background = Reveal.getCurrentSlide() && Reveal.getSlideBackground(Reveal.getCurrentSlide());
    return background ? background.querySelector("video") : null;
  };
  const isNarrated = () => deck.narrated[Reveal.getSlides().indexOf(Reveal.getCurrentSlide())] === true;

  const toggleFullscreen = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  };

  // Keys: reveal.js' own map already sends Space, Page Down, →, ↓ and N to the next slide in linear navigation.
  Reveal.removeKeyBinding(32);  // manim-slides' Space = play/pause
  Reveal.addKeyBinding({ keyCode: 36, key: "Home", description: words.first }, () => Reveal.slide(0, 0));
  Reveal.addKeyBinding({ keyCode: 35, key: "End", description: words.last }, () => {
    const stacks = Reveal.getHorizontalSlides();
    const last = stacks[stacks.length - 1];
    Reveal.slide(stacks.length - 1, Math.max(0, last.querySelectorAll(":scope > section").length - 1));
  });

  // Blank (reveal.js' pause): the clip and its voice stop too, and go on when the picture comes back.
  let pausedByBlank = null;
  Reveal.on("paused", () => {
    const resume = Reveal.getRevealElement().querySelector(".pause-overlay .resume-button");
    if (resume) resume.textContent = words.resume;
    const video = currentVideo();
    pausedByBlank = video && !video.paused ? video : null;
    if (pausedByBlank) pausedByBlank.pause();
  });
  Reveal.on("resumed", () => {
    if (pausedByBlank) pausedByBlank.play().catch(() => {});
    pausedByBlank = null;
  });

  // The sound prompt.
  const prompt = document.createElement("button");
  prompt.type = "button";
  prompt.className = "saddle-sound";
  prompt.textContent = "♪ " + words.sound;
  prompt.hidden = true;
  document.body.appendChild(prompt);

  const revealsButton = () => Reveal.getRevealElement().querySelector(".r-media-play-button");
  const soundIsBlocked = () => !prompt.hidden;

  const startWithSound = () => {
    const video = currentVideo();
    prompt.hidden = true;
    const button = revealsButton();
    if (button) button.remove();
    if (!video) return;
    video.removeAttribute("data-muted-by-reveal");
    video.muted = false;
    video.currentTime = 0;
    video.play().catch(() => {});
  };

  const updatePrompt = () => {
    prompt.hidden = !(revealsButton() && isNarrated());
  };
  new MutationObserver(updatePrompt).observe(Reveal.getRevealElement(), { childList: true });
  Reveal.on("slidechanged", updatePrompt);

  prompt.addEventListener("click", (event) => {
    event.stopPropagation();
    startWithSound();
  });

  window.addEventListener("keydown", (event) => {
    if (["Shift", "Control", "Alt", "Meta"].includes(event.key)) return;
    if (soundIsBlocked()) {  // the first key starts the clip with sound and does nothing else
      event.preventDefault();
      event.stopImmediatePropagation();
      startWithSound();
    } else if (event.key === "F5") {  // clickers' "start show" (and Shift+F5): full screen instead of a reload
      event.preventDefault();
      event.stopImmediatePropagation();
      toggleFullscreen();
    }
  }, true);

  // A click on the picture pauses or resumes the clip (or, while the prompt shows, starts it with sound).
  Reveal.getRevealElement().addEventListener("click", (event) => {
    if (Reveal.isPaused() || event.target.closest(".controls, .progress, .slide-number, a, button, .r-overlay")) {
      return;
    }
    if (soundIsBlocked()) {
      startWithSound();
      return;
    }
    const video = currentVideo();
    if (!video) return;
    if (video.paused) video.play().catch(() => {});
    else video.pause();
  });

  // The help overlay (?): these keys, in the lecture's language, instead of reveal.js' English list.
  const keys = [
    ["Space , Page Down , → , ↓ , N", words.next],
    ["Shift Space , Page Up , ← , ↑ , P", words.previous],
    ["Home", words.first],
    ["End", words.last],
    ["B , .", words.blank],
    [words.mouse, words.click],
    ["F , F5", words.fullscreen],
    ["Esc , O", words.overview],
    ["S", words.speaker],
    ["G", words.jump],
    ["?", words.help],
  ];
  const helpTable = () => {
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const text of [words.key, words.action]) {
      const cell = document.createElement("th");
      cell.textContent = text;
      head.appendChild(cell);
    }
    for (const [key, action] of keys) {
      const row = table.insertRow();
      row.insertCell().textContent = key;
      row.insertCell().textContent = action;
    }
    return table;
  };
  Reveal.on("showhelp", () => {
    const help = Reveal.getRevealElement().querySelector(".r-overlay-help-content");
    if (!help) return;
    const title = document.createElement("p");
    title.className = "title";
    title.textContent = words.keys;
    help.replaceChildren(title, helpTable());
  });
})();
