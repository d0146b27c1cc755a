"""deploy/nginx: the rendered configuration is valid for Debian's nginx and routes as documented."""
from __future__ import annotations

import shutil
import subprocess

from scripts import nginx_conf
from tests.conftest import require


def test_rendered_configuration_passes_nginx_t(tmp_path):
    require(shutil.which("nginx") is not None, "nginx (Debian's nginx-light; scripts/run.sh installs it)")
    nginx_conf.main(["--listen", "127.0.0.1:1", "--actions-listen", "127.0.0.1:2", "--rasa", "127.0.0.1:3",
                     "--rasa", "127.0.0.1:4", "--actions", "127.0.0.1:5", "--standalone", str(tmp_path)])
    out = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                         capture_output=True, text=True, timeout=30, check=False)
    assert out.returncode == 0, out.stderr


def test_routing_rules():
    conf = nginx_conf.render("127.0.0.1:1", "127.0.0.1:2", ["a:1", "b:2"], ["c:3"])
    rasa = conf.split("upstream fv_rasa {")[1].split("}")[0]
    assert "hash $fv_conversation consistent" in rasa and "server a:1" in rasa and "server b:2" in rasa
    conversation = conf.split("map $http_x_fv_conversation $fv_conversation {")[1].split("}")[0]
    assert '""      $request_id;' in conversation  # no header: any replica
    assert "hash $binary_remote_addr consistent" in conf.split("upstream fv_rasa_socketio {")[1].split("}")[0]
    messaging = conf.split("upstream fv_rasa_messaging {")[1].split("}")[0]
    assert "server a:1 max_fails=1 fail_timeout=3s;" in messaging and "server b:2 max_fails=1 fail_timeout=3s backup;" in messaging
    assert "non_idempotent" not in conf  # a message already sent to a replica is never sent twice
