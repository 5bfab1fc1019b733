import os

# Peer matching runs numpy kernels inside web workers; one BLAS thread each avoids hand-off stalls.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypeers.settings")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
