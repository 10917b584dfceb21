/* verduurzaming: the map's own script. Reads the data element written by export/kaart.py.
 * Every text in the data is already HTML-escaped (veilig() in kaart.py); numbers are numbers.
 * One clock for the whole map: without the year slider the map shows the labels now (and the
 * CO2 reduction of the whole plan); with it, everything at the end of the chosen year. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('vd-data').textContent);
  var LAB = D.labels, T = D.teksten, JAREN = D.jaren;
  var CX = D.complexen.features;
  var state = {j: null, thema: 'efg', corp: D.corporaties.map(function () { return true; }), speelt: null};
  var startJaar = Math.max(0, JAREN.indexOf(D.deadline));

  // ------------------------------------------------------------ numbers and small HTML parts
  function getal(x, dec) {
    if (x === null || x === undefined || isNaN(x)) { return '-'; }
    var s = Math.abs(x).toFixed(dec || 0).split('.');
    s[0] = s[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return (x < 0 ? '-' : '') + s[0] + (s.length > 1 ? ',' + s[1] : '');
  }
  function euro(x) { return x === null || x === undefined ? '-' : '&euro;&nbsp;' + getal(x); }
  function pct(a) { return a === null ? '-' : getal(100 * a) + '%'; }
  function chip(li) {
    if (li === null || li === undefined) { return '-'; }
    return '<span class="vd-chip" style="background:' + LAB[li][1] + '">' + LAB[li][0] + '</span>';
  }
  function jaarNu() { return state.j === null ? null : JAREN[state.j]; }
  // the complex's works from the ledger: [year, kind (D.werksoorten), dwellings worked on, cost in euro]
  function werkIn(p, Y) { return Y !== null && p.wr.some(function (w) { return w[0] === Y; }); }
  function klaar(p) { var Y = jaarNu(); return Y !== null && p.j !== null && p.j <= Y; }
  function labelNu(p) { return klaar(p) ? p.la : p.l; }
  // E/F/G at the end of the chosen year: now less what the works up to then took away (the ledger's 'E/F/G weg',
  // a demolition included), so the slider's totals are the plan's own figures
  function efgNu(p) {
    var Y = jaarNu(), e = p.e;
    if (Y === null) { return e; }
    p.wr.forEach(function (w) { if (w[0] <= Y) { e -= w[4]; } });
    return e;
  }
  function gesloopt(p) {
    var Y = jaarNu();
    return Y !== null && p.wr.some(function (w) { return w[0] <= Y && D.werksoorten[w[1]] === 'sloop'; });
  }
  function co2Nu(p) { return (state.j === null ? p.j !== null : klaar(p)) ? p.co[1] : p.co[0]; }
  function aan(p) { return state.corp[p.c]; }
  function klasse(kl, a) {
    if (a === null) { return D.geen; }
    if (a <= 0) { return kl[0][1]; }
    for (var i = 1; i < kl.length; i++) { if (a <= kl[i][0]) { return kl[i][1]; } }
    return kl[kl.length - 1][1];
  }
  function co2Kleur(r) {
    if (r === null) { return D.geen; }
    for (var i = 0; i < D.co2.length; i++) { if (D.co2[i][0] === null || r >= D.co2[i][0]) { return D.co2[i][1]; } }
    return D.co2[D.co2.length - 1][1];
  }
  function donker(kleur) {
    var n = parseInt(kleur.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    return 0.299 * r + 0.587 * g + 0.114 * b < 150;
  }

  // ------------------------------------------------------------ the map, scale, background
  var map = L.map('vd-kaart', {zoomSnap: 0.5, zoomControl: false});
  map.fitBounds(D.grenzen);
  L.control.scale({metric: true, imperial: false, position: 'bottomleft'}).addTo(map);
  var osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    {maxZoom: 19, opacity: 0.6, attribution: '&copy; OpenStreetMap-bijdragers'});

  var canvas = L.canvas({padding: 0.3});

  // ------------------------------------------------------------ wijken: one layer, themes restyle it
  var perWijk = {};
  CX.forEach(function (f, k) { var w = f.properties.wk; if (w) { (perWijk[w] = perWijk[w] || []).push(k); } });
  function wijkCijfers(code) {
    var n = 0, w = 0, c = 0, co0 = 0, co1 = 0;
    (perWijk[code] || []).forEach(function (k) {
      var p = CX[k].properties;
      if (!aan(p)) { return; }
      n += efgNu(p); w += p.w; c += 1; co0 += p.co[0]; co1 += co2Nu(p);
    });
    return {efg: n, woningen: w, complexen: c, co2: co0 ? 1 - co1 / co0 : null, co0: co0, co1: co1};
  }
  function wijkStijl(f) {
    var s = {color: '#555', weight: 1, opacity: 0.9, fillOpacity: 0.55, fillColor: D.geen};
    var c = wijkCijfers(f.properties.c);
    if (state.thema === 'efg') { s.fillColor = klasse(D.efg, c.woningen ? c.efg / c.woningen : null); }
    else if (state.thema === 'co2') { s.fillColor = c.woningen ? co2Kleur(c.co2) : D.geen; }
    else if (state.thema === 'tvw') { s.fillColor = D.strategie[f.properties.s][0]; }
    else { s.fillOpacity = 0; }
    return s;
  }
  function moment() { return state.j === null ? 'nu' : 'eind ' + jaarNu(); }
  function wijkTip(f) {
    var p = f.properties, c = wijkCijfers(p.c), kop = '<b>' + p.n + '</b> (' + p.code + ')<br>';
    if (state.thema === 'tvw') { return kop + p.tvw; }
    if (!c.woningen) { return kop + 'geen corporatiewoningen' + (state.thema === 'geen' ? '' : ' (in het filter)'); }
    if (state.thema === 'co2') {
      return kop + 'CO2-reductie ' + (state.j === null ? 'tot ' + JAREN[JAREN.length - 1] : 'tot eind ' + jaarNu()) +
        ': ' + pct(c.co2) + '<br>' + getal(c.co0) + ' &rarr; ' + getal(c.co1) + ' ton/jaar';
    }
    return kop + 'E/F/G ' + moment() + ': ' + pct(c.efg / c.woningen) + ' (' + getal(c.efg) + ' van ' +
      getal(c.woningen) + ' corporatiewoningen, ' + getal(c.complexen) + ' complexen)';
  }
  // wijken and complexes share one canvas, wijken drawn first (below); an SVG layer would cover the canvas
  var wijken = L.geoJSON(D.wijken, {
    style: function (f) { var s = wijkStijl(f); s.renderer = canvas; return s; },
    onEachFeature: function (f, l) {
      l.bindTooltip(function () { return wijkTip(f); }, {sticky: true, className: 'vd-tip'});
      l.on('mouseover', function () { l.setStyle({weight: 3, color: '#000'}); });
      l.on('mouseout', function () { l.setStyle({weight: 1, color: '#555'}); });
    }
  }).addTo(map);
  var themas = {};
  [['efg', D.lagen.efg], ['tvw', D.lagen.tvw], ['co2', D.lagen.co2], ['geen', D.lagen.geen]].forEach(function (t) {
    var g = L.layerGroup(); g.vdThema = t[0]; themas[t[1]] = g;
  });
  themas[D.lagen.efg].addTo(map);

  // ------------------------------------------------------------ complexes: canvas circles, grid clusters
  var cxLaag = L.layerGroup().addTo(map);
  var markers = [];
  function stijl(p) {
    var li = labelNu(p), s = {radius: p.r, renderer: canvas, fillColor: li === null ? '#999' : LAB[li][1],
      fillOpacity: 1, color: '#333', weight: 1, opacity: 1};
    if (p.f) { s.color = '#000'; s.weight = 3; }
    if (werkIn(p, jaarNu())) { s.color = '#1f4e9c'; s.weight = 4; s.radius = p.r + 2; }
    if (gesloopt(p)) { s.fillColor = '#fff'; s.fillOpacity = 0.4; s.color = '#999'; s.dashArray = '3 3'; }
    return s;
  }
  function tip(p) {
    var t = '<b>' + p.n + '</b> &middot; ' + D.corporaties[p.c] + '<br>' + getal(p.w) + ' woningen, label ' +
      chip(p.l) + (p.j !== null ? ' &rarr; ' + chip(p.la) + ' in ' + p.j : ', geen renovatie gepland');
    if (state.j !== null) { t += '<br>' + moment() + ': label ' + chip(labelNu(p)); }
    return t;
  }
  function rij(kop, inhoud, klasse) {
    return '<tr><th>' + kop + '</th><td' + (klasse ? ' class="' + klasse + '"' : '') + '>' + inhoud + '</td></tr>';
  }
  function popup(p) {
    var h = ["<div class='vd-popup'>", "<h4 class='cx-naam'>" + p.n + '</h4>',
      "<div class='cx-corp'>" + D.corporaties[p.c] + ' &middot; complex ' + p.i + ' &middot; ' +
      (p.wn === null ? '-' : T[p.wn]) + '</div>', "<table class='vd-t'>",
      rij('Woningen', getal(p.w), 'cx-woningen'),
      rij('Label', chip(p.l) + ' &rarr; ' + chip(p.la) + (p.j !== null ? ' (na ' + p.j + ')' : ' (geen renovatie)'), 'cx-label'),
      rij('EP2', getal(p.ep[0]) + ' &rarr; ' + getal(p.ep[1]) + ' kWh/m&sup2; per jaar', 'cx-ep2'),
      rij('Werk', p.p === null ? 'geen werk gepland' : T[p.p], 'cx-jaar'),
      rij(p.j === null ? 'Waarom' : 'Waarom ' + p.j, T[p.y], 'cx-waarom'),
      rij('Kosten', p.wr.length ? euro(p.k) + ' (alle werken)' + p.wr.map(function (w) {
        return '<br>' + w[0] + ' ' + D.werksoorten[w[1]] + ': ' + euro(w[3]) +
          (w[2] ? ' (' + euro(w[3] / w[2]) + ' per woning, ' + getal(w[2], w[2] % 1 ? 1 : 0) + ' aangepakt)' : '');
      }).join('') : '-', 'cx-kosten'),
      rij('DMJOP-onderhoud', p.dm === null ? 'geen jaar bekend' : p.dm + (p.dg ? ' (renovatie gecombineerd)' : ''), 'cx-dmjop'),
      rij('Zonnepanelen', p.pv === null ? 'geen' : p.pv[0] + ': ' + getal(p.pv[1], 1) + ' kWp, ' + getal(p.pv[2]) + ' kWh/jaar'),
      rij('CO2', getal(p.co[0], 1) + ' &rarr; ' + getal(p.co[1], 1) + ' ton/jaar'),
      rij('Transitievisie', T[p.t], 'cx-tvw'), '</table>'];
    var voor = {}, na = {}, ks = [];
    p.lv.forEach(function (x) { voor[x[0]] = x[1]; if (ks.indexOf(x[0]) < 0) { ks.push(x[0]); } });
    p.ln.forEach(function (x) { na[x[0]] = x[1]; if (ks.indexOf(x[0]) < 0) { ks.push(x[0]); } });
    ks.sort(function (a, b) { return a - b; });
    h.push("<table class='vd-l'><tr><th>Woningen per label</th><th>nu</th><th>na plan</th></tr>");
    ks.forEach(function (k) { h.push('<tr><td>' + chip(k) + "</td><td class='g'>" + getal(voor[k] || 0) + "</td><td class='g'>" + getal(na[k] || 0) + '</td></tr>'); });
    h.push('</table>');
    if (p.lg[0] || p.lg[1]) {
      h.push("<div class='opm cx-onzeker'>Niet geverifieerd: " + [p.lg[0] ? getal(p.lg[0]) + ' van ' + getal(p.w) +
        ' labels geschat (geen geregistreerd label)' : '', p.lg[1] ? getal(p.lg[1]) + ' labels verlopen v&oacute;&oacute;r de deadline' : '']
        .filter(Boolean).join('; ') + '; de aantallen per label rekenen met de meest waarschijnlijke klasse.</div>');
    }
    if (p.s) { h.push("<div class='fout cx-schending'>" + p.s + '</div>'); }
    if (p.v !== undefined) { h.push("<div class='opm'>Vrijgesteld: " + T[p.v] + '</div>'); }
    if (p.g) { h.push("<div class='opm cx-geschat'>Ligging geschat: geen co&ouml;rdinaten, getoond in de wijk.</div>"); }
    h.push('</div>');
    return h.join('');
  }
  CX.forEach(function (f, k) {
    if (!f.geometry) { markers.push(null); return; }
    var p = f.properties, c = f.geometry.coordinates;
    var m = L.circleMarker([c[1], c[0]], stijl(p));
    m.vdIndex = k;
    m.bindTooltip(function () { return tip(p); }, {className: 'vd-tip', direction: 'right', offset: [8, 0]});
    m.bindPopup(function () { return popup(p); }, {maxWidth: 400, minWidth: 280, autoPanPaddingTopLeft: [60, 150]});
    m.on('popupopen', function () { m.closeTooltip(); });
    m.on('tooltipopen', function () { if (m.isPopupOpen()) { m.closeTooltip(); } });
    markers.push(m);
  });
  var CEL = 56, LOS_VANAF = 16, getekend = {complexen: 0, clusters: 0};
  function cluster(leden) {
    var lat = 0, lon = 0, n = 0, w = 0, nu = 0, b = L.latLngBounds([]);
    leden.forEach(function (k) {
      var ll = markers[k].getLatLng(), p = CX[k].properties;
      lat += ll.lat; lon += ll.lng; n += efgNu(p); w += p.w; b.extend(ll);
      if (werkIn(p, jaarNu())) { nu += 1; }
    });
    var a = w ? n / w : null, kleur = klasse(D.efg, a), d = leden.length < 10 ? 30 : (leden.length < 100 ? 36 : 44);
    var icoon = L.divIcon({className: 'vd-cluster', iconSize: [d, d], html: '<div style="width:' + d + 'px;height:' + d +
      'px;line-height:' + (d - (nu ? 8 : 4)) + 'px;background:' + kleur + ';color:' + (donker(kleur) ? '#fff' : '#222') +
      (nu ? ';border:4px solid #1f4e9c' : '') + '">' +
      leden.length + '</div>'});
    var c = L.marker([lat / leden.length, lon / leden.length], {icon: icoon, keyboard: false, riseOnHover: true});
    c.bindTooltip(getal(leden.length) + ' complexen, ' + getal(w) + ' woningen<br>E/F/G ' + moment() + ': ' + pct(a) +
      ' (' + getal(n) + ' woningen)' +
      (nu ? '<br>waarvan ' + getal(nu) + ' met werk in ' + jaarNu() : '') + '<br>klik om in te zoomen', {className: 'vd-tip', direction: 'top', offset: [0, -d / 2]});
    c.on('click', function () {
      if (b.getNorthEast().equals(b.getSouthWest())) { map.setView(b.getCenter(), LOS_VANAF); }
      else { map.fitBounds(b.pad(0.2), {maxZoom: LOS_VANAF}); }
    });
    return c;
  }
  function teken() {
    cxLaag.clearLayers();
    getekend = {complexen: 0, clusters: 0};
    var z = map.getZoom(), cellen = {}, volgorde = [], vooraan = [];
    markers.forEach(function (m, k) {
      if (!m || !aan(CX[k].properties)) { return; }
      m.setStyle(stijl(CX[k].properties));
      if (z >= LOS_VANAF) { cellen[k] = [k]; volgorde.push(k); return; }
      var pt = map.project(m.getLatLng(), z), sleutel = Math.floor(pt.x / CEL) + ':' + Math.floor(pt.y / CEL);
      if (!cellen[sleutel]) { cellen[sleutel] = []; volgorde.push(sleutel); }
      cellen[sleutel].push(k);
    });
    volgorde.forEach(function (s) {
      var leden = cellen[s];
      if (leden.length === 1) {
        var m = markers[leden[0]];
        cxLaag.addLayer(m); getekend.complexen += 1;
        if (werkIn(CX[leden[0]].properties, jaarNu())) { vooraan.push(m); }
      } else { cxLaag.addLayer(cluster(leden)); getekend.clusters += 1; }
    });
    vooraan.forEach(function (m) { m.bringToFront(); });
  }
  map.on('zoomend', teken);

  // ------------------------------------------------------------ title
  var titel = L.control({position: 'topleft'});
  titel.onAdd = function () {
    var d = L.DomUtil.create('div', 'vd-titel');
    d.innerHTML = D.titel + '<small>' + D.onder + '</small>' +
      (D.status === null ? '' : '<small class="vd-status">' + D.status + '</small>') + '<small class="vd-filtertekst"></small>';
    return d;
  };
  titel.addTo(map);

  // ------------------------------------------------------------ search
  var zoekCtl = L.control({position: 'topleft'}), zoekLijst;
  var zoekIndex = CX.map(function (f) {
    var el = document.createElement('textarea');
    el.innerHTML = f.properties.n + ' ' + f.properties.i;
    return el.value.toLowerCase();
  });
  function zoek(q) {
    q = q.trim().toLowerCase();
    var uit = [];
    if (!q) { return uit; }
    for (var k = 0; k < CX.length && uit.length < 8; k++) { if (markers[k] && zoekIndex[k].indexOf(q) >= 0) { uit.push(k); } }
    return uit;
  }
  function ga(k) {
    var p = CX[k].properties, m = markers[k];
    if (!m) { return false; }
    if (!state.corp[p.c]) { zetCorporatie(p.c, true); }
    if (!map.hasLayer(cxLaag)) { map.addLayer(cxLaag); }
    map.setView(m.getLatLng(), Math.max(LOS_VANAF, map.getZoom()), {animate: false});
    teken();
    m.openPopup();
    document.getElementById('vd-zoek').setAttribute('data-gevonden', k);
    return true;
  }
  zoekCtl.onAdd = function () {
    var d = L.DomUtil.create('div', 'vd-zoek');
    d.id = 'vd-zoek';
    d.innerHTML = '<input type="search" placeholder="Zoek complex (naam of nummer)" aria-label="zoek complex">' +
      '<div class="vd-zoek-lijst"></div>';
    L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);
    var invoer = d.querySelector('input');
    zoekLijst = d.querySelector('.vd-zoek-lijst');
    function toon() {
      var hits = zoek(invoer.value);
      zoekLijst.innerHTML = hits.map(function (k) {
        var p = CX[k].properties;
        return '<div class="vd-zoek-hit" data-k="' + k + '">' + p.n + ' <span>' + D.corporaties[p.c] + ' &middot; ' + p.i + '</span></div>';
      }).join('') || (invoer.value.trim() ? '<div class="vd-zoek-geen">geen complex gevonden</div>' : '');
    }
    invoer.addEventListener('input', toon);
    invoer.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { var hits = zoek(invoer.value); if (hits.length) { ga(hits[0]); zoekLijst.innerHTML = ''; } }
    });
    zoekLijst.addEventListener('click', function (e) {
      var el = e.target.closest('.vd-zoek-hit');
      // clear the list after this click has bubbled: Leaflet looks up from the target to see that
      // the click belongs to a control, and a detached target would reach the map and close the popup
      if (el) { ga(+el.getAttribute('data-k')); setTimeout(function () { zoekLijst.innerHTML = ''; }, 0); }
    });
    return d;
  };
  zoekCtl.addTo(map);
  L.control.zoom({position: 'topleft', zoomInTitle: 'inzoomen', zoomOutTitle: 'uitzoomen'}).addTo(map);

  // ------------------------------------------------------------ layer control (themes are base layers)
  var jaarLaag = L.layerGroup();
  var overlays = {};
  overlays[D.lagen.complexen] = cxLaag;
  overlays[D.lagen.jaar] = jaarLaag;
  overlays[D.lagen.osm] = osm;
  L.control.layers(themas, overlays, {collapsed: false, position: 'topright'}).addTo(map);

  // ------------------------------------------------------------ corporation filter
  var corpCtl = L.control({position: 'topright'});
  corpCtl.onAdd = function () {
    var d = L.DomUtil.create('div', 'vd-corp');
    d.id = 'vd-corp';
    var h = '<b>Corporaties</b>';
    D.corporaties.forEach(function (c, i) {
      h += '<label><input type="checkbox" checked data-i="' + i + '"> ' + c + '</label>';
    });
    d.innerHTML = h;
    L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);
    d.addEventListener('change', function (e) {
      var i = e.target.getAttribute('data-i');
      if (i !== null) { zetCorporatie(+i, e.target.checked); }
    });
    return d;
  };
  corpCtl.addTo(map);
  function zetCorporatie(i, waarde) {
    state.corp[i] = waarde;
    var vink = document.querySelector('#vd-corp input[data-i="' + i + '"]');
    if (vink) { vink.checked = waarde; }
    bijwerken();
  }

  // ------------------------------------------------------------ year slider
  var jaarCtl = L.control({position: 'bottomleft'}), jaarDoos;
  jaarCtl.onAdd = function () {
    if (jaarDoos) { return jaarDoos; }
    var d = L.DomUtil.create('div', 'vd-jaar');
    d.id = 'vd-jaar';
    var ticks = JAREN.map(function (Y, i) {
      return '<span style="left:' + (JAREN.length > 1 ? 100 * i / (JAREN.length - 1) : 0) + '%">' +
        (JAREN.length <= 12 || i % 2 === 0 || i === JAREN.length - 1 ? Y : '') + '</span>';
    }).join('');
    d.innerHTML = '<div class="vd-jaar-kop"><button type="button" class="vd-speel" title="afspelen" aria-label="afspelen">&#9654;</button> ' +
      'Stand eind <span class="vd-jaar-waarde"></span></div>' +
      '<input type="range" min="0" max="' + (JAREN.length - 1) + '" step="1" value="' + startJaar + '" aria-label="jaar" list="vd-jaren">' +
      '<datalist id="vd-jaren">' + JAREN.map(function (Y, i) { return '<option value="' + i + '" label="' + Y + '"></option>'; }).join('') +
      '</datalist><div class="vd-ticks">' + ticks + '</div><div class="vd-jaar-tekst"></div>';
    L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);
    var invoer = d.querySelector('input');
    invoer.addEventListener('input', function () { stop(); zetJaar(+invoer.value); });
    d.querySelector('.vd-speel').addEventListener('click', function () { if (state.speelt) { stop(); } else { speel(); } });
    jaarDoos = d;
    return d;
  };
  function speel() {
    var knop = jaarDoos.querySelector('.vd-speel');
    if (state.j === null || state.j >= JAREN.length - 1) { zetJaar(0); }
    knop.innerHTML = '&#10074;&#10074;'; knop.title = 'pauze';
    state.speelt = setInterval(function () {
      if (state.j >= JAREN.length - 1) { stop(); return; }
      zetJaar(state.j + 1);
    }, 1000);
  }
  function stop() {
    if (state.speelt) { clearInterval(state.speelt); state.speelt = null; }
    if (jaarDoos) { var knop = jaarDoos.querySelector('.vd-speel'); knop.innerHTML = '&#9654;'; knop.title = 'afspelen'; }
  }
  function zetJaar(i) {
    if (!map.hasLayer(jaarLaag)) { map.addLayer(jaarLaag); }
    state.j = i;
    jaarDoos.querySelector('input').value = i;
    bijwerken();
  }
  function jaarTekst() {
    var Y = jaarNu(), nu = 0, wnu = 0, efg = 0, vrij = 0, w = 0, nc = 0, efgStart = 0, kosten = 0, gas = 0, weg = 0;
    CX.forEach(function (f) {
      var p = f.properties;
      if (!aan(p)) { return; }
      nc += 1; efgStart += p.e;
      if (gesloopt(p)) { weg += p.w; } else { w += p.w; }
      var e = efgNu(p); efg += e; if (p.v !== undefined) { vrij += e; }
      p.wr.forEach(function (x) {
        if (x[0] !== Y) { return; }
        kosten += x[3];
        if (D.werksoorten[x[1]] === 'renovatie') { nu += 1; wnu += x[2]; }
        if (D.werksoorten[x[1]] === 'van het gas af') { gas += x[2]; }
      });
    });
    wnu = Math.round(wnu); kosten = Math.round(kosten * 100) / 100;
    jaarDoos.setAttribute('data-jaar', Y);
    jaarDoos.setAttribute('data-renovaties', nu);
    jaarDoos.setAttribute('data-renovatie-woningen', wnu);
    jaarDoos.setAttribute('data-kosten', kosten);
    jaarDoos.setAttribute('data-van-gas-woningen', gas);
    jaarDoos.setAttribute('data-gesloopt', weg);
    jaarDoos.setAttribute('data-efg', efg);
    jaarDoos.setAttribute('data-woningen', w);
    jaarDoos.querySelector('.vd-jaar-waarde').textContent = Y;
    jaarDoos.querySelector('.vd-jaar-tekst').innerHTML =
      'Nog E/F/G eind ' + Y + ': <b>' + getal(efg) + '</b> van ' + getal(w) + ' woningen' +
      (weg ? ' (' + getal(weg) + ' gesloopt)' : '') +
      (vrij ? ' (waarvan ' + getal(vrij) + ' vrijgesteld)' : '') + '<br>Nu E/F/G: ' + getal(efgStart) +
      '<br>in ' + Y + ': renovaties in ' + getal(nu) + ' complexen (' + getal(wnu) + ' woningen aangepakt)' +
      (gas ? ', ' + getal(gas) + ' woningen van het gas af' : '') + ', kosten alle werken ' + euro(kosten) +
      '<br><span class="vd-klein">alle ' + getal(nc) + ' complexen' + (filterAan() ? ' van de gekozen corporaties' : ' van de kaart') +
      ', ook zonder ligging</span>';
  }
  function filterAan() { return state.corp.some(function (x) { return !x; }); }

  // ------------------------------------------------------------ legend: one theme at a time
  var legCtl = L.control({position: 'bottomright'}), legDoos;
  legCtl.onAdd = function () {
    legDoos = L.DomUtil.create('div', 'vd-legenda');
    legDoos.id = 'vd-legenda';
    L.DomEvent.disableClickPropagation(legDoos); L.DomEvent.disableScrollPropagation(legDoos);
    return legDoos;
  };
  legCtl.addTo(map);
  function vak(kleur, tekst, rond) { return '<div><i' + (rond ? ' class="rond"' : '') + ' style="background:' + kleur + '"></i>' + tekst + '</div>'; }
  function legenda() {
    var h = '';
    if (state.thema === 'efg') {
      h += '<h4>Wijken: aandeel E/F/G ' + moment() + '</h4>' + D.efg.map(function (k) { return vak(k[1], k[2]); }).join('') +
        vak(D.geen, 'geen corporatiewoningen') + '<div class="vd-klein">aandeel corporatiewoningen met label E, F of G</div>';
    } else if (state.thema === 'tvw') {
      h += '<h4>Wijken: warmtestrategie (TVW)</h4>' + Object.keys(D.strategie).map(function (s) { return vak(D.strategie[s][0], D.strategie[s][1]); }).join('') +
        '<div class="vd-klein">WUP- en aardgasvrij-jaren in de tooltip</div>';
    } else if (state.thema === 'co2') {
      h += '<h4>Wijken: CO2-reductie ' + (state.j === null ? 'tot ' + JAREN[JAREN.length - 1] : 'tot eind ' + jaarNu()) + '</h4>' +
        D.co2.map(function (k) { return vak(k[1], k[2]); }).join('') + vak(D.geen, 'geen corporatiewoningen');
    }
    if (map.hasLayer(cxLaag)) {
      h += '<h4>Complexen: slechtste label ' + moment() + '</h4><div class="vd-labels">' +
        LAB.map(function (l, i) { return '<span><i class="rond" style="background:' + l[1] + '"></i>' + l[0] + '</span>'; }).join('') + '</div>' +
        '<div><i class="rond fout"></i>buiten WUP-uitvoering of deadline gemist</div>' +
        (state.j !== null ? '<div><i class="rond" style="background:#fff;border:3px solid #1f4e9c"></i>werk in ' + jaarNu() + ' (renovatie, van het gas af, zonnepanelen, sloop; ook een groep met zo één)</div>' : '') +
        '<div><i class="rond" style="background:' + D.efg[3][1] + '"></i>groep: aantal complexen, kleur = aandeel E/F/G</div>' +
        (D.zonder_ligging ? '<div class="vd-klein">' + getal(D.zonder_ligging) + ' complexen zonder ligging niet getoond</div>' : '');
    }
    legDoos.innerHTML = h;
    legDoos.style.display = h ? '' : 'none';
  }

  // ------------------------------------------------------------ state changes
  function bijwerken() {
    wijken.setStyle(wijkStijl);
    teken();
    legenda();
    if (state.j !== null) { jaarTekst(); }
    var ft = document.querySelector('.vd-filtertekst');
    ft.textContent = filterAan() ? 'filter: ' + state.corp.filter(function (x) { return x; }).length + ' van ' + state.corp.length + ' corporaties' : '';
    ft.style.display = filterAan() ? '' : 'none';
  }
  map.on('baselayerchange', function (e) { state.thema = e.layer.vdThema; bijwerken(); });
  map.on('overlayadd', function (e) {
    if (e.layer === jaarLaag) { jaarCtl.addTo(map); state.j = +jaarDoos.querySelector('input').value; }
    bijwerken();
  });
  map.on('overlayremove', function (e) {
    if (e.layer === jaarLaag) { stop(); jaarCtl.remove(); state.j = null; }
    bijwerken();
  });
  jaarCtl.addTo(map); jaarCtl.remove();  // builds the box once; shown only while its layer is on
  bijwerken();

  window.vdKaart = {
    map: map, data: D, state: state, zetJaar: zetJaar, zetCorporatie: zetCorporatie, zoek: zoek, ga: ga,
    getekend: function () { return getekend; }, markers: markers
  };
}());
