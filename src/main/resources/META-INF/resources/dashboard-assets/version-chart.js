// The version page's rate chart. The figures come from the page itself (script#chart-data), so the chart adds
// nothing the table below it does not say; without JavaScript the table remains.
(function () {
  'use strict';
  function draw() {
    var holder = document.getElementById('chart-data');
    var canvas = document.getElementById('rate-chart');
    if (!holder || !canvas || typeof Chart === 'undefined') { return; }
    var data = JSON.parse(holder.textContent);
    var markers = {
      id: 'markers',
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        data.markers.forEach(function (m, i) {
          var px = x.getPixelForValue(m.index);
          ctx.save();
          ctx.strokeStyle = m.label.indexOf('alert') === 0 ? '#b42318' : '#57606a';
          ctx.setLineDash(m.label.indexOf('alert') === 0 ? [] : [4, 4]);
          ctx.lineWidth = 2;
          ctx.beginPath(); ctx.moveTo(px, y.top); ctx.lineTo(px, y.bottom); ctx.stroke();
          ctx.fillStyle = ctx.strokeStyle; ctx.font = '12px system-ui, sans-serif';
          var nearRight = px > x.right - 140;
          ctx.textAlign = nearRight ? 'right' : 'left';
          ctx.fillText(m.label, nearRight ? px - 4 : px + 4, y.top + 12 + 14 * (i % 3));
          ctx.restore();
        });
      }
    };
    canvas.chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [
          { label: data.version + ' (per 1,000 installs/day)', data: data.rate, borderColor: '#bc4c00',
            backgroundColor: '#bc4c00', borderWidth: 3, pointRadius: 2, spanGaps: false, yAxisID: 'y' },
          { label: 'baseline: other versions', data: data.baseline, borderColor: '#0b5cad', backgroundColor: '#0b5cad',
            borderDash: [6, 4], borderWidth: 2, pointRadius: 0, yAxisID: 'y' },
          { label: 'active installs of ' + data.version, data: data.installs, borderColor: '#8c959f',
            backgroundColor: '#8c959f', borderWidth: 1, pointRadius: 0, yAxisID: 'installs' }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'contacts per 1,000 installs per day' } },
          installs: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
            title: { display: true, text: 'active installs' } },
          x: { ticks: { maxTicksLimit: 12 } }
        }
      },
      plugins: [markers]
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
