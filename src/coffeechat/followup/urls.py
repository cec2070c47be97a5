from coffeechat.core.crud import entity_urls
from coffeechat.followup.views import ENTITIES

app_name = "followup"
urlpatterns = entity_urls(ENTITIES)
