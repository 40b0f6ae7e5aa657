"""The deployment's administration: who may administer (a flag on the user, granted from the
command line), what an admin did (`audit`), and the deployment-wide figures they read (`stats`)."""
